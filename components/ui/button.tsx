// Button styles shared by links and buttons, so "Add pin" looks the same everywhere.

export type ButtonTone = "primary" | "secondary" | "outline" | "ghost";

const tones: Record<ButtonTone, string> = {
  primary: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-300",
  secondary: "bg-neutral-100 text-neutral-900 hover:bg-neutral-200 disabled:text-neutral-400",
  outline: "bg-white text-neutral-900 ring-1 ring-neutral-300 ring-inset hover:bg-neutral-50",
  ghost: "text-neutral-700 hover:bg-neutral-100",
};

export function buttonClass(tone: ButtonTone = "secondary", extra = ""): string {
  return [
    "inline-flex items-center justify-center gap-2 rounded-full px-4 h-10 text-sm font-semibold transition-colors",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed",
    tones[tone],
    extra,
  ].join(" ");
}
