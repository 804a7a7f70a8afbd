/**
 * Text from a reporter, made safe to print on an operator's terminal: control characters (C0
 * except new line and tab, DEL, C1 — which holds the 8-bit CSI that starts escape sequences)
 * and the invisible bidirectional controls that can make a line read differently than it is
 * stored are shown as \u{…} instead of acted on.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this module's job
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
}
