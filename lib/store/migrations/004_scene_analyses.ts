// What the scene detector found in a stored image, per model: the objects (box, label, score),
// one vector per object in the same order, and whether the picture is one object on a plain
// background. Written by the scene-analysis job after a scene pin is added, so Shop the Look on
// a stored pin only matches products at read time; products are matched afresh each time, as
// the catalog grows.
export const name = "004_scene_analyses";

export const sql = /* sql */ `
create table scene_analyses (
  image_sha256 text not null references images (sha256) on delete cascade,
  model        text not null,
  objects      jsonb not null,
  vectors      bytea not null,
  one_object_on_plain_background boolean not null,
  analyzed_at  timestamptz not null default now(),
  primary key (image_sha256, model)
);
`;
