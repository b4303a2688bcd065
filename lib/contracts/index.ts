export * from "./common";
export * from "./pin";
export * from "./search";
export * from "./health";
export * from "./shop";
export * from "./on-device";
export * from "./board";
