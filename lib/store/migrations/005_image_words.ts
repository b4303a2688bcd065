// The words read from each image (OCR), once per image: the read-words job writes them here and
// into `ocr_text` of the image's pins, which the full-text index already covers. A row with no
// words says the image was read and holds none, so it is not read again.
export const name = "005_image_words";

export const sql = /* sql */ `
create table image_words (
  image_sha256 text primary key references images (sha256) on delete cascade,
  words        text not null,
  read_at      timestamptz not null default now()
);
`;
