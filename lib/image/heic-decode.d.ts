// heic-decode ships no types. This is what its `all` returns: the file's images with their
// sizes, each decoded on demand to RGBA, and `dispose` to free libheif's memory.
declare module "heic-decode" {
  namespace decode {
    function all(input: { buffer: Uint8Array }): Promise<HeicImages>;
    interface DecodedImage {
      width: number;
      height: number;
      data: Uint8ClampedArray;
    }
    interface HeicImage {
      width: number;
      height: number;
      decode(): Promise<DecodedImage>;
    }
    interface HeicImages extends Array<HeicImage> {
      dispose(): void;
    }
  }
  function decode(input: { buffer: Uint8Array }): Promise<decode.DecodedImage>;
  export = decode;
}
