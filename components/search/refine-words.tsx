"use client";
// Words that refine an image search (multisearch): the words read in the picture as chips to
// tap, and a field to type more. The chosen words travel with the picture to the server, which
// fuses image similarity with text rank.
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { queryImageWordsQuery } from "@/lib/client/queries";

/** The words of `refine`, one per chip, compared without case. */
function splitWords(refine: string): string[] {
  return refine.split(/\s+/).filter(Boolean);
}

function toggleWord(refine: string, word: string): string {
  const words = splitWords(refine);
  const at = words.findIndex((w) => w.toLocaleLowerCase() === word.toLocaleLowerCase());
  return (at >= 0 ? words.filter((_, i) => i !== at) : [...words, word]).join(" ");
}

export function RefineWords({ sharedId, refine, onRefine }: { sharedId?: string; refine: string; onRefine: (words: string) => void }) {
  const read = useQuery(queryImageWordsQuery(sharedId));
  const chosen = new Set(splitWords(refine).map((w) => w.toLocaleLowerCase()));
  const found = read.data?.words ?? [];
  // Typed words that are not chips yet become chips too, so each can be taken off with a tap.
  const typed = splitWords(refine).filter((w) => !found.some((f) => f.toLocaleLowerCase() === w.toLocaleLowerCase()));
  const [draft, setDraft] = useState("");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const words = splitWords(draft).filter((w) => !chosen.has(w.toLocaleLowerCase()));
    if (words.length > 0) onRefine([...splitWords(refine), ...words].join(" "));
    setDraft("");
  }

  return (
    <div data-testid="refine-words" className="mt-4 flex flex-col gap-2">
      {found.length > 0 && <p className="text-sm font-medium text-neutral-900">Words in the picture</p>}
      {read.isPending && sharedId !== undefined && (
        <p className="text-sm text-neutral-500" role="status">
          Reading words in the picture…
        </p>
      )}
      {(found.length > 0 || typed.length > 0) && (
        <ul className="flex flex-wrap gap-2" aria-label="Refine with words">
          {[...found, ...typed].map((word) => {
            const on = chosen.has(word.toLocaleLowerCase());
            return (
              <li key={word.toLocaleLowerCase()}>
                <button
                  type="button"
                  aria-pressed={on}
                  onClick={() => onRefine(toggleWord(refine, word))}
                  className={`h-8 rounded-full px-3 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${
                    on ? "bg-neutral-900 text-white hover:bg-neutral-700" : "bg-neutral-100 text-neutral-900 ring-1 ring-neutral-300 ring-inset hover:bg-neutral-200"
                  }`}
                >
                  {word}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form onSubmit={submit} role="search" aria-label="Add words to this image search" className="flex gap-2">
        <input
          type="search"
          name="words"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="Add words, e.g. red"
          aria-label="Words to add to the image search"
          className="h-9 min-w-0 flex-1 rounded-xl bg-white px-3 text-sm text-neutral-900 ring-1 ring-neutral-300 ring-inset focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
        />
        <button type="submit" className="h-9 rounded-full bg-neutral-100 px-4 text-sm font-semibold text-neutral-900 hover:bg-neutral-200">
          Add
        </button>
      </form>
    </div>
  );
}
