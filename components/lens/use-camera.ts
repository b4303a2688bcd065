"use client";
// The back camera as a MediaStream, or why there is none: no camera API (old browser, page not
// served over HTTPS), permission refused, no camera at all.
import { useEffect, useState, useSyncExternalStore } from "react";

export type CameraState =
  | { state: "off" }
  | { state: "starting" }
  | { state: "live"; stream: MediaStream }
  | { state: "unavailable"; reason: "unsupported" | "denied" | "missing" | "failed"; message: string };

function explain(error: unknown): CameraState {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") {
    return {
      state: "unavailable",
      reason: "denied",
      message: "Camera access was refused. Allow the camera for this site in your browser's settings, or use a photo instead.",
    };
  }
  if (name === "NotFoundError" || name === "OverconstrainedError") {
    return { state: "unavailable", reason: "missing", message: "No camera was found on this device. Use a photo instead." };
  }
  return {
    state: "unavailable",
    reason: "failed",
    message: `The camera could not start${error instanceof Error && error.message ? ` (${error.message})` : ""}. Use a photo instead.`,
  };
}

const unsupported: CameraState = {
  state: "unavailable",
  reason: "unsupported",
  message: "This browser can't use the camera here (it needs a recent browser and a secure https page). Use a photo instead.",
};

function noSubscribe(): () => void {
  return () => undefined;
}

function hasCameraApi(): boolean {
  return typeof navigator.mediaDevices?.getUserMedia === "function";
}

export function useCamera(wanted: boolean): CameraState {
  // Known only in the browser; the server renders as if the API were there.
  const supported = useSyncExternalStore(noSubscribe, hasCameraApi, () => true);
  const [camera, setCamera] = useState<CameraState>({ state: "starting" });

  useEffect(() => {
    if (!wanted || !supported) return;
    let stopped = false;
    let stream: MediaStream | null = null;
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment", width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false })
      .then((s) => {
        stream = s;
        if (stopped) s.getTracks().forEach((t) => t.stop());
        else setCamera({ state: "live", stream: s });
      })
      .catch((error: unknown) => {
        if (!stopped) setCamera(explain(error));
      });
    return () => {
      stopped = true;
      stream?.getTracks().forEach((t) => t.stop());
      setCamera({ state: "starting" });
    };
  }, [wanted, supported]);

  if (!wanted) return { state: "off" };
  if (!supported) return unsupported;
  return camera;
}
