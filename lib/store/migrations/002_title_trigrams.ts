// Trigrams of pin titles, so text search forgives typos ("tigr" finds "Tiger") when no word
// matches. pg_trgm is database-wide while a server may hold several schemas (the tests make one
// per run): the advisory lock keeps two migrations from creating it at the same moment, and it
// lives in public, which every schema's search_path includes.
export const name = "002_title_trigrams";

export const sql = /* sql */ `
select pg_advisory_xact_lock(hashtext('glimpse.pg_trgm'));
create extension if not exists pg_trgm with schema public;
create index pins_title_trigrams on pins using gin (lower(title) public.gin_trgm_ops);
`;
