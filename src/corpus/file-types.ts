/**
 * Which files are handbook pages: Markdown (`.md`), MDX (`.mdx`), and Markdown run through ERB
 * first, as Middleman sites such as GOV.UK's tech docs name them (`page.html.md.erb`).
 */
export const DOCUMENT_FILE = /\.(?:mdx?|html\.md\.erb|md\.erb)$/i;

/** A page's path without its document extension: `a/b.html.md.erb` → `a/b`. */
export function withoutDocumentExtension(path: string): string {
  return path.replace(DOCUMENT_FILE, "");
}
