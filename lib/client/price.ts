// A price as people type it: "19.90", "19,90" (a decimal comma), "1,299.50" or "1.299,50"
// (grouped thousands). What could mean two things ("1,299" or "1.299": a thousand or a bit
// more than one?) is refused with a hint rather than guessed.

export type ParsedPrice = { ok: true; value: number } | { ok: false; message: string };

const AMBIGUOUS = "Write it without a thousands separator, or with two decimals: 1299 or 1.30.";

export function parsePrice(input: string): ParsedPrice {
  const text = input.trim().replace(/^[$€£]\s*|\s*[$€£]$/g, "").replace(/[\s\u00a0']/g, "");
  if (!/^\d[\d.,]*$/.test(text)) return { ok: false, message: "Enter a price as a number, like 19.90." };
  const dots = [...text].filter((c) => c === ".").length;
  const commas = [...text].filter((c) => c === ",").length;
  let normalized: string;
  if (dots > 0 && commas > 0) {
    // Both: whichever comes last separates the decimals, the other groups thousands.
    const decimal = text.lastIndexOf(".") > text.lastIndexOf(",") ? "." : ",";
    const group = decimal === "." ? "," : ".";
    const [whole, fraction, ...rest] = text.split(decimal);
    if (rest.length > 0 || !/^\d{1,3}(\d{3})*$/.test(whole!.split(group).join("")) || !groupedCorrectly(whole!, group)) {
      return { ok: false, message: AMBIGUOUS };
    }
    normalized = `${whole!.split(group).join("")}.${fraction}`;
  } else if (dots + commas === 0) {
    normalized = text;
  } else {
    const separator = dots > 0 ? "." : ",";
    const parts = text.split(separator);
    if (parts.length > 2) {
      // "1.299.000" or "1,299,000": only thousands groups.
      if (!groupedCorrectly(text, separator)) return { ok: false, message: AMBIGUOUS };
      normalized = parts.join("");
    } else if (parts[1]!.length === 3) {
      return { ok: false, message: AMBIGUOUS };
    } else {
      normalized = `${parts[0]}.${parts[1]}`;
    }
  }
  const value = Number(normalized);
  if (!Number.isFinite(value)) return { ok: false, message: "Enter a price as a number, like 19.90." };
  return { ok: true, value };
}

function groupedCorrectly(whole: string, group: string): boolean {
  const parts = whole.split(group);
  return parts.length === 1 || (/^\d{1,3}$/.test(parts[0]!) && parts.slice(1).every((p) => /^\d{3}$/.test(p)));
}
