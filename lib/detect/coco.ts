// The 80 COCO classes in the order the CenterNet model numbers them (class 0 is "person"), and
// the demo catalog category each one most likely belongs to, for the category-agreement bonus.

export const COCO_LABELS = [
  "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic light",
  "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow",
  "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee",
  "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle",
  "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange",
  "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch", "potted plant", "bed",
  "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone", "microwave", "oven",
  "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors", "teddy bear", "hair drier", "toothbrush",
] as const;

export type CocoLabel = (typeof COCO_LABELS)[number];

/** The label for a raw class value, or null when the model emits something outside the list. */
export function cocoLabel(classValue: number): CocoLabel | null {
  return Number.isInteger(classValue) ? (COCO_LABELS[classValue] ?? null) : null;
}

const GROUPS: Record<string, readonly CocoLabel[]> = {
  People: ["person"],
  Vehicles: ["bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat"],
  Buildings: ["traffic light", "fire hydrant", "stop sign", "parking meter"],
  Furniture: ["bench", "chair", "couch", "bed", "dining table", "toilet"],
  Birds: ["bird"],
  Pets: ["cat", "dog"],
  Animals: ["horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe"],
  Clothing: ["backpack", "umbrella", "handbag", "tie", "suitcase"],
  Sports: ["frisbee", "skis", "snowboard", "sports ball", "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket"],
  "Toys & games": ["kite", "teddy bear"],
  Drinks: ["bottle", "wine glass", "cup"],
  Household: ["fork", "knife", "spoon", "bowl", "vase", "sink", "microwave", "oven", "toaster", "refrigerator", "hair drier", "toothbrush", "clock"],
  Fruit: ["banana", "apple", "orange"],
  Vegetables: ["broccoli", "carrot"],
  Food: ["sandwich", "hot dog", "pizza"],
  Desserts: ["donut", "cake"],
  Plants: ["potted plant"],
  Electronics: ["tv", "laptop", "mouse", "remote", "keyboard", "cell phone"],
  "Office & school": ["book", "scissors"],
};

const CATEGORY_OF = new Map<string, string>(Object.entries(GROUPS).flatMap(([category, labels]) => labels.map((l) => [l, category] as const)));

/** The demo catalog category a detector label points to; null for the fallback's "object". */
export function catalogCategory(label: string): string | null {
  return CATEGORY_OF.get(label) ?? null;
}
