// Accounts (the tables better-auth's email-and-password sign-in needs, in its own shape with
// plural, snake_case names) and boards: a board's pins carry a fractional order key, so moving
// a pin rewrites that one row. Deleting a pin or a board takes its board rows with it.
export const name = "003_accounts_and_boards";

export const sql = /* sql */ `
create table users (
  id             text primary key,
  name           text not null,
  email          text not null unique,
  email_verified boolean not null,
  image          text,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);

create table sessions (
  id         text primary key,
  expires_at timestamptz not null,
  token      text not null unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null,
  ip_address text,
  user_agent text,
  user_id    text not null references users (id) on delete cascade
);
create index sessions_user_id_idx on sessions (user_id);

create table accounts (
  id                       text primary key,
  account_id               text not null,
  provider_id              text not null,
  user_id                  text not null references users (id) on delete cascade,
  access_token             text,
  refresh_token            text,
  id_token                 text,
  access_token_expires_at  timestamptz,
  refresh_token_expires_at timestamptz,
  scope                    text,
  password                 text,
  created_at               timestamptz not null default now(),
  updated_at               timestamptz not null
);
create index accounts_user_id_idx on accounts (user_id);

create table verifications (
  id         text primary key,
  identifier text not null,
  value      text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index verifications_identifier_idx on verifications (identifier);

create table boards (
  id          text primary key,
  owner_id    text not null references users (id) on delete cascade,
  name        text not null check (length(name) between 1 and 100),
  description text not null default '',
  secret      boolean not null default false,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
create index boards_owner_id_idx on boards (owner_id, created_at);

create table board_pins (
  board_id  text not null references boards (id) on delete cascade,
  pin_seq   bigint not null references pins (seq) on delete cascade,
  -- fractional-indexing keys compare byte by byte, whatever the database's collation.
  order_key text collate "C" not null,
  added_at  timestamptz not null default now(),
  primary key (board_id, pin_seq),
  unique (board_id, order_key)
);
create index board_pins_pin_seq_idx on board_pins (pin_seq);
`;
