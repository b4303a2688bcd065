// A row for every deleted pin, so a device that keeps a copy of the catalog (the browser's
// on-device index) learns of deletions when it asks for what changed since its cursor. `seq`
// is drawn from the pins' own sequence at deletion, so additions and deletions share one order
// and one cursor.
export const name = "006_pin_tombstones";

export const sql = /* sql */ `
create table pin_tombstones (
  seq        bigint primary key,
  pin_id     text not null,
  deleted_at timestamptz not null default now()
);
`;
