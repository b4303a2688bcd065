// The first schema: content-addressed images, pins (with a weighted full-text vector) and
// the vectors of every image per model, so any index can be rebuilt from the database.
export const name = "001_initial";

export const sql = /* sql */ `
create table images (
  sha256         text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  format         text not null,
  width          integer not null check (width > 0),
  height         integer not null check (height > 0),
  bytes          integer not null check (bytes > 0),
  dominant_color text not null,
  created_at     timestamptz not null default now()
);

create table pins (
  -- The vector-index key: dense, increasing, never reused.
  seq          bigint generated always as identity primary key,
  id           text not null unique,
  title        text not null default '',
  description  text not null default '',
  link         text,
  price        numeric check (price >= 0),
  category     text,
  kind         text not null default 'pin' check (kind in ('product', 'pin')),
  image_sha256 text not null references images (sha256),
  ocr_text     text not null default '',
  created_at   timestamptz not null default now(),
  search_vector tsvector generated always as (
    setweight(to_tsvector('english'::regconfig, title), 'A') ||
    setweight(to_tsvector('english'::regconfig, coalesce(category, '')), 'B') ||
    setweight(to_tsvector('english'::regconfig, description), 'C') ||
    setweight(to_tsvector('english'::regconfig, ocr_text), 'D')
  ) stored
);

-- The feed walks the primary key backwards (newest first), so it needs no index of its own.
create index pins_search_vector_idx on pins using gin (search_vector);
create index pins_image_sha256_idx on pins (image_sha256);
create index pins_kind_category_idx on pins (kind, lower(category));

create table embeddings (
  image_sha256 text not null references images (sha256) on delete cascade,
  model        text not null,
  -- Little-endian float32, L2-normalized.
  vector       bytea not null,
  created_at   timestamptz not null default now(),
  primary key (image_sha256, model)
);
`;
