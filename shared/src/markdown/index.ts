export { parseMarkdown } from './parse.ts';
export { markdownText } from './text.ts';
export { docText, inlineText, MD_LIMITS, type MdBlock, type MdDoc, type MdInline } from './tree.ts';
