// Which model search answers with while the catalog catches up with the active model, and
// whether a re-embed must run. Pure: the inputs are counts from the store and the folders found.

export interface ServingInput {
  /** The active model's key: the one every pin should end up with a vector of. */
  active: string;
  /** Live pins without a vector of the active model. */
  missing: number;
  /** Live pins with a vector, per model key (models with none may be absent). */
  stored: ReadonlyArray<{ model: string; count: number }>;
  /** Keys of the models whose folders exist, so they can embed queries. */
  available: ReadonlySet<string>;
}

export interface ServingPlan {
  /** The model search answers with now. */
  serving: string;
  /** Re-embed the pins that lack a vector of `to`; `from` is the model served meanwhile, if any. */
  reembed: { from: string | null; to: string } | null;
}

/**
 * Serve the active model when it covers the catalog. Otherwise keep serving the runnable model
 * that covers the most pins, as long as it covers more than the active one does; with no such
 * model the active one serves at once and pins without its vector are missing from results
 * until the re-embed reaches them.
 */
export function planServing({ active, missing, stored, available }: ServingInput): ServingPlan {
  if (missing <= 0) return { serving: active, reembed: null };
  const activeCount = stored.find((s) => s.model === active)?.count ?? 0;
  let previous: { model: string; count: number } | undefined;
  for (const candidate of stored) {
    if (candidate.model === active || !available.has(candidate.model) || candidate.count <= activeCount) continue;
    // Ties go to the smaller key, so the choice does not depend on the order rows came in.
    if (!previous || candidate.count > previous.count || (candidate.count === previous.count && candidate.model < previous.model)) {
      previous = candidate;
    }
  }
  if (!previous) return { serving: active, reembed: { from: null, to: active } };
  return { serving: previous.model, reembed: { from: previous.model, to: active } };
}
