import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { conceptIcons } from "./concept-icons";

const svg = (colour: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"><rect x="4" y="4" width="40" height="40" fill="${colour}"/></svg>`;

function icon(root: string, file: string, body: string) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), body);
}

describe("concept icons", () => {
  it("finds names drawn by several themes, each distinct drawing once, and never faces, flags or glyphs", () => {
    const root = mkdtempSync(path.join(tmpdir(), "icons-"));
    // camera-photo: drawn by three themes in their own layouts; the fourth ships the first's file.
    icon(root, "one/scalable/devices/camera-photo.svg", svg("red"));
    icon(root, "two/48x48/devices/camera-photo.svg", svg("green"));
    icon(root, "three/devices/64/camera-photo.svg", svg("blue"));
    icon(root, "four/scalable/devices/camera-photo.svg", svg("red"));
    for (const [i, theme] of ["one", "two", "three", "four"].entries()) {
      const colour = ["#111", "#222", "#333", "#444"][i]!;
      icon(root, `${theme}/scalable/emotes/face-smile.svg`, svg(colour));
      icon(root, `${theme}/scalable/status/flag-red.svg`, svg(colour));
      icon(root, `${theme}/scalable/actions/edit-copy.svg`, svg(colour));
      icon(root, `${theme}/scalable/devices/printer-symbolic.svg`, svg(colour));
      icon(root, `${theme}/symbolic/devices/printer.svg`, svg(colour));
    }
    const found = conceptIcons({ root, themes: ["one", "two", "three", "four"], minThemes: 3 });
    expect(found.map((f) => f.key)).toEqual(["icon:one:camera-photo", "icon:three:camera-photo", "icon:two:camera-photo"]);
    expect(new Set(found.map((f) => f.concept))).toEqual(new Set(["camera-photo"]));
    expect(conceptIcons({ root, themes: ["one", "two", "three", "four"], minThemes: 4 })).toEqual([]);
  });
});
