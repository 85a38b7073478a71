/**
 * The Markdown twin of every page of the site (`…/page.html` → `…/page.md`), for people and
 * tools that read Markdown: guides and generated pages from their parsed Markdown with every
 * link pointing at the twin of its target; reference pages (interfaces, classes, functions…)
 * rendered from TypeDoc's model: signatures, comments, examples and members.
 */
import type { CommentDisplayPart, ContainerReflection, DeclarationReflection, DocumentReflection, ProjectReflection, Reflection, SignatureReflection } from 'typedoc';

/** How a twin names other pages. */
export interface TwinLinks {
  /** The twin URL of a reflection's page (with `#anchor` for members), relative to the current page. */
  urlTo(target: Reflection): string | undefined;
  /** What a relative link of a Markdown file points at: a reflection, a copied media file's URL, or nothing. */
  resolveFile(id: number): Reflection | string | undefined;
}

/** `page.html#x` → `page.md#x`; other URLs unchanged. */
export function twinUrl(url: string): string {
  return url.replace(/\.html(?=$|[#?])/, '.md');
}

/**
 * The site's own HTML inside Markdown, made plain: badges become bold text, the try-it panel
 * a sentence, explicit anchors and `<details>` wrappers disappear.
 */
export function plainMarkdown(markdown: string): string {
  return markdown
    .replace(/<div class="om-try-it"[^>]*><\/div>/g, '*The try-it panel of the HTML page runs this operation against a mock in the browser.*')
    .replace(/<a id="[^"]*"><\/a>/g, '')
    .replace(/<span class="om-method">([^<]*)<\/span>/g, '**$1**')
    .replace(/<span class="om-badge[^"]*">([^<]*)<\/span>/g, '**$1**')
    .replace(/<p class="om-badges">([\s\S]*?)<\/p>/g, '$1')
    .replace(/<code>([^<]*)<\/code>/g, (_, text: string) => `\`${text.replace(/&#(\d+);/g, (__, n: string) => String.fromCharCode(Number(n)))}\``)
    .replace(/<details><summary>([^<]*)<\/summary>/g, '**$1**')
    .replace(/<\/details>/g, '');
}

/** Comment or document parts as Markdown, links pointing at twins. */
export function partsToMarkdown(parts: readonly CommentDisplayPart[], links: TwinLinks): string {
  return parts
    .map((part) => {
      switch (part.kind) {
        case 'text':
        case 'code':
          return part.text;
        case 'inline-tag': {
          if (!['@link', '@linkcode', '@linkplain'].includes(part.tag)) return part.text;
          const target = part.target;
          const url = typeof target === 'string' ? target : target && 'id' in target ? links.urlTo(target as Reflection) : undefined;
          const text = part.tag === '@linkcode' ? `\`${part.text}\`` : part.text;
          return url ? `[${text}](${url})` : text;
        }
        case 'relative-link': {
          const target = typeof part.target === 'number' ? links.resolveFile(part.target) : undefined;
          const url = typeof target === 'string' ? target : target ? links.urlTo(target) : undefined;
          if (url === undefined) return part.text;
          return part.targetAnchor && !url.includes('#') ? `${url}#${part.targetAnchor}` : url;
        }
        default:
          return '';
      }
    })
    .join('');
}

/** A document's twin: its Markdown, links to twins, the site's HTML made plain. */
export function documentTwin(doc: DocumentReflection, links: TwinLinks): string {
  return `${plainMarkdown(partsToMarkdown(doc.content, links)).trim()}\n`;
}

const KIND_TITLE: Readonly<Record<string, string>> = {
  Class: 'Class',
  Interface: 'Interface',
  Function: 'Function',
  'Type Alias': 'Type alias',
  Variable: 'Variable',
  Enumeration: 'Enumeration',
  Module: 'Module',
  Namespace: 'Namespace',
};

function signatureText(sig: SignatureReflection, name: string): string {
  const typeParameters = sig.typeParameters?.length ? `<${sig.typeParameters.map((t) => t.name).join(', ')}>` : '';
  const params = (sig.parameters ?? []).map((p) => `${p.flags.isRest ? '...' : ''}${p.name}${p.flags.isOptional || p.defaultValue ? '?' : ''}: ${p.type?.toString() ?? 'unknown'}`);
  return `${name}${typeParameters}(${params.join(', ')}): ${sig.type?.toString() ?? 'void'}`;
}

function commentText(reflection: Reflection, links: TwinLinks, headingLevel: number): string {
  const comment = reflection.comment;
  if (!comment) return '';
  const out = [partsToMarkdown(comment.summary, links).trim()];
  for (const tag of comment.blockTags) {
    const body = partsToMarkdown(tag.content, links).trim();
    if (['@stability', '@description'].includes(tag.tag) || body === '') continue;
    const name = tag.tag.slice(1);
    if (tag.tag === '@example') out.push(`${'#'.repeat(headingLevel)} Example\n\n${body}`);
    else out.push(`**${name.charAt(0).toUpperCase()}${name.slice(1)}:** ${body}`);
  }
  const modifiers = [...comment.modifierTags].filter((t) => ['@beta', '@alpha', '@deprecated', '@stable'].includes(t));
  if (modifiers.length > 0) out.unshift(modifiers.map((t) => `**${t === '@alpha' ? 'Internal' : t.charAt(1).toUpperCase() + t.slice(2)}**`).join(' '));
  return out.filter((part) => part !== '').join('\n\n');
}

function parametersText(sig: SignatureReflection, links: TwinLinks): string {
  const params = sig.parameters ?? [];
  if (params.length === 0) return '';
  return params
    .map((p) => {
      const summary = p.comment ? partsToMarkdown(p.comment.summary, links).trim().replace(/\n+/g, ' ') : '';
      return `- \`${p.name}\`${p.flags.isOptional || p.defaultValue ? ' (optional)' : ''}: \`${p.type?.toString() ?? 'unknown'}\`${summary ? ` — ${summary}` : ''}`;
    })
    .join('\n');
}

function memberText(member: DeclarationReflection, links: TwinLinks, level: number): string {
  const parts = [`${'#'.repeat(level)} ${member.name}`];
  if (member.signatures?.length) {
    for (const sig of member.signatures) {
      parts.push('```ts\n' + signatureText(sig, member.name) + '\n```');
      const comment = commentText(sig, links, level + 1);
      if (comment) parts.push(comment);
      const params = parametersText(sig, links);
      if (params) parts.push(`Parameters:\n\n${params}`);
    }
  } else if (member.type) {
    parts.push('```ts\n' + `${member.name}${member.flags.isOptional ? '?' : ''}: ${member.type.toString()}` + '\n```');
  }
  const comment = commentText(member, links, level + 1);
  if (comment) parts.push(comment);
  if (member.defaultValue && member.defaultValue !== '...') parts.push(`Default: \`${member.defaultValue}\``);
  return parts.join('\n\n');
}

/** The sections of a container's members, by TypeDoc's groups (or all together). */
function membersText(container: ContainerReflection, links: TwinLinks, level: number, asList: boolean): string {
  const groups = container.groups?.length ? container.groups.map((g) => ({ title: g.title, children: g.children })) : [{ title: 'Members', children: container.children ?? [] }];
  return groups
    .filter((g) => g.children.length > 0)
    .map((group) => {
      const items = group.children.map((child) => {
        if (!asList || child.isDocument()) {
          return child.isDeclaration() ? memberText(child, links, level + 1) : `- [${child.name}](${links.urlTo(child) ?? ''})`;
        }
        const summary = child.comment ? partsToMarkdown(child.comment.summary, links).split(/\n\n/)[0]!.replace(/\n/g, ' ').trim() : '';
        const url = links.urlTo(child);
        return `- ${url ? `[${child.name}](${url})` : child.name}${summary ? `: ${summary}` : ''}`;
      });
      return `${'#'.repeat(level)} ${group.title}\n\n${items.join(asList ? '\n' : '\n\n')}`;
    })
    .join('\n\n');
}

/** The twin of a reflection's page: a module (its exports as a list) or one export (its members in full). */
export function reflectionTwin(reflection: DeclarationReflection | ProjectReflection, links: TwinLinks, kindName: string): string {
  const isModule = reflection.isProject() || ['Module', 'Namespace'].includes(kindName);
  const title = reflection.isProject() ? reflection.name : `${KIND_TITLE[kindName] ?? kindName} ${reflection.name}`;
  const parts = [`# ${title}`];
  const comment = commentText(reflection, links, 2);
  if (comment) parts.push(comment);
  if (reflection.isDeclaration()) {
    for (const sig of reflection.signatures ?? []) {
      parts.push('```ts\n' + signatureText(sig, reflection.name) + '\n```');
      const sigComment = commentText(sig, links, 2);
      if (sigComment) parts.push(sigComment);
      const params = parametersText(sig, links);
      if (params) parts.push(`Parameters:\n\n${params}`);
    }
    if (reflection.type && !reflection.children?.length && !reflection.signatures?.length) parts.push('```ts\n' + `type ${reflection.name} = ${reflection.type.toString()}` + '\n```');
  }
  const members = membersText(reflection, links, 2, isModule);
  if (members) parts.push(members);
  return `${parts.join('\n\n').trim()}\n`;
}
