"use client";
// Creating a pin: an image plus optional details. Fields are checked with the same zod
// schema the server uses; on a server error the message shows and every value stays.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { CreatePinFields, type PinKind } from "@/lib/contracts";
import { myBoardsQuery } from "@/lib/client/board-queries";
import { parsePrice } from "@/lib/client/price";
import { createPinMutation } from "@/lib/client/queries";
import { useLastBoardId, useSignedInUser } from "@/components/board/use-board-actions";
import { buttonClass } from "@/components/ui/button";
import { ErrorMessage } from "@/components/ui/error-message";
import { ImageField } from "./image-field";

type FieldErrors = Partial<Record<"image" | "title" | "description" | "link" | "price" | "category", string>>;

const inputClass =
  "w-full rounded-2xl border border-neutral-300 bg-white px-4 py-3 text-[15px] text-neutral-900 placeholder:text-neutral-400 focus:border-blue-600 focus:outline-2 focus:outline-blue-600/30 aria-[invalid=true]:border-red-500";

function Field({ label, htmlFor, error, children }: { label: string; htmlFor: string; error?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={htmlFor} className="text-sm font-medium text-neutral-800">
        {label}
      </label>
      {children}
      {error && <p className="text-sm text-red-700">{error}</p>}
    </div>
  );
}

export function AddPinForm() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const createPin = useMutation(createPinMutation(queryClient));
  const [image, setImage] = useState<File | null>(null);
  const [kind, setKind] = useState<PinKind>("pin");
  const [errors, setErrors] = useState<FieldErrors>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    // Handled here rather than through a form action, which would reset the fields.
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    const priceText = text("price").trim();
    const price = kind === "product" && priceText !== "" ? parsePrice(priceText) : null;
    const parsed = CreatePinFields.safeParse({
      title: text("title"),
      description: text("description"),
      link: text("link"),
      category: text("category"),
      boardId: text("boardId"),
      kind,
      ...(price?.ok ? { price: price.value } : {}),
    });
    const next: FieldErrors = {};
    if (!image) next.image = "Choose an image for the pin.";
    if (price && !price.ok) next.price = price.message;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (typeof field === "string" && field in inputIds && !next[field as keyof FieldErrors]) {
          next[field as keyof FieldErrors] = field === "link" ? "Enter a full web address, like https://example.com" : issue.message;
        }
      }
    }
    setErrors(next);
    if (!image || !parsed.success || Object.keys(next).length > 0) return;

    createPin.mutate(
      { image, ...parsed.data },
      { onSuccess: (pin) => router.push(`/pin/${encodeURIComponent(pin.id)}`) },
    );
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      data-testid="add-pin-form"
      className="mx-auto grid max-w-5xl gap-6 rounded-3xl bg-white p-4 shadow-[0_1px_20px_rgba(0,0,0,0.08)] sm:p-8 md:grid-cols-2"
    >
      <ImageField
        error={errors.image}
        onChange={(file) => {
          setImage(file);
          setErrors((e) => ({ ...e, image: undefined }));
        }}
      />
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold text-neutral-900">Add a pin</h1>
        <fieldset className="flex gap-2">
          <legend className="sr-only">Kind</legend>
          {(["pin", "product"] as const).map((value) => (
            <label
              key={value}
              className={`cursor-pointer rounded-full px-4 py-2 text-sm font-semibold has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-600 ${
                kind === value ? "bg-neutral-900 text-white" : "bg-neutral-100 text-neutral-800 hover:bg-neutral-200"
              }`}
            >
              <input
                type="radio"
                name="kind"
                value={value}
                checked={kind === value}
                onChange={() => setKind(value)}
                className="sr-only"
                data-testid={`add-pin-kind-${value}`}
              />
              {value === "pin" ? "Idea" : "Product"}
            </label>
          ))}
        </fieldset>
        <Field label="Title" htmlFor={inputIds.title} error={errors.title}>
          <input id={inputIds.title} name="title" maxLength={200} placeholder="Add a title" className={inputClass} data-testid="add-pin-title" aria-invalid={!!errors.title} />
        </Field>
        <Field label="Description" htmlFor={inputIds.description} error={errors.description}>
          <textarea id={inputIds.description} name="description" rows={3} maxLength={2000} placeholder="What makes it worth saving?" className={inputClass} data-testid="add-pin-description" aria-invalid={!!errors.description} />
        </Field>
        <Field label="Link" htmlFor={inputIds.link} error={errors.link}>
          <input id={inputIds.link} name="link" type="url" inputMode="url" placeholder="https://" className={inputClass} data-testid="add-pin-link" aria-invalid={!!errors.link} />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Category" htmlFor={inputIds.category} error={errors.category}>
            <input id={inputIds.category} name="category" maxLength={80} placeholder="e.g. lamps" className={inputClass} data-testid="add-pin-category" aria-invalid={!!errors.category} />
          </Field>
          {kind === "product" && (
            <Field label="Price (USD)" htmlFor={inputIds.price} error={errors.price}>
              <input id={inputIds.price} name="price" type="text" inputMode="decimal" autoComplete="off" placeholder="0.00" className={inputClass} data-testid="add-pin-price" aria-invalid={!!errors.price} />
            </Field>
          )}
        </div>
        <BoardField />
        {createPin.isError && <ErrorMessage error={createPin.error} />}
        <button type="submit" disabled={createPin.isPending} className={buttonClass("primary", "mt-2 h-12 text-base")} data-testid="add-pin-submit">
          {createPin.isPending ? "Saving…" : "Save pin"}
        </button>
      </div>
    </form>
  );
}

/** For a signed-in user: the board the new pin goes straight onto (the one saved to last, by default). */
function BoardField() {
  const user = useSignedInUser();
  const boards = useQuery(myBoardsQuery(Boolean(user.data)));
  const [lastBoardId] = useLastBoardId();
  if (!boards.data?.length) return null;
  const initial = boards.data.some((b) => b.id === lastBoardId) ? lastBoardId! : "";
  return (
    <Field label="Save to board" htmlFor="add-pin-board">
      <select key={initial} id="add-pin-board" name="boardId" defaultValue={initial} className={inputClass} data-testid="add-pin-board">
        <option value="">No board</option>
        {boards.data.map((board) => (
          <option key={board.id} value={board.id}>
            {board.name}
            {board.secret ? " (secret)" : ""}
          </option>
        ))}
      </select>
    </Field>
  );
}

const inputIds = {
  title: "add-pin-title",
  description: "add-pin-description",
  link: "add-pin-link",
  price: "add-pin-price",
  category: "add-pin-category",
} as const;
