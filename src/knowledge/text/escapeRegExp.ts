/** A text as a regular expression that matches exactly it: "IST (2)" → "IST \(2\)". */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
