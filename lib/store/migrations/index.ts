// Every migration, in the order it is applied. Each is a module exporting its SQL as a string,
// so bundlers carry it along; add new ones at the end, never edit one that has shipped.
import * as initial from "./001_initial";
import * as titleTrigrams from "./002_title_trigrams";
import * as accountsAndBoards from "./003_accounts_and_boards";
import * as sceneAnalyses from "./004_scene_analyses";
import * as imageWords from "./005_image_words";
import * as pinTombstones from "./006_pin_tombstones";

export interface Migration {
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [initial, titleTrigrams, accountsAndBoards, sceneAnalyses, imageWords, pinTombstones];
