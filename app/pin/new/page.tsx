// /pin/new — add a pin to the catalog.
import type { Metadata } from "next";
import { AddPinForm } from "@/components/pin/add-pin-form";

export const metadata: Metadata = { title: "Add a pin" };

export default function NewPinPage() {
  return <AddPinForm />;
}
