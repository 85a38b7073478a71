/**
 * Where the generated pages live, relative to each other, and how they name the guides and
 * the SDK's reflections. The generated Markdown is written to one folder and added to the
 * site as TypeDoc project documents; TypeDoc turns these links into the built site's URLs
 * and fails the build on any that does not resolve.
 */
import { headingSlug } from './markdown.js';

/** The file of each generated page, in the generated folder. */
export const PAGE_FILES = {
  // Not the guides' names (errors.md…): the plugin orders guides by file name.
  index: 'api-endpoints.md',
  errors: 'api-errors.md',
  changelog: 'api-changelog.md',
  family: (family: string): string => `family-${family.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.md`,
  operation: (operationId: string): string => `${operationId}.md`,
} as const;

/** Titles of the pages that are not an operation or a family. */
export const PAGE_TITLES = { index: 'Endpoint index', errors: 'Error catalogue', changelog: 'Changelog' } as const;

/** The navigation group of the reference pages (typedoc.json `groupOrder` places it). */
export const REFERENCE_GROUP = 'API reference';

/** A link to a heading of a generated page: `errors.md#key_revoked`. */
export function toHeading(file: string, heading: string): string {
  return `${file}#${headingSlug(heading)}`;
}

/**
 * `{@link "@opsmerge/sdk"!AgentsResource.list label}`: a link to a reflection of the SDK
 * entry point, resolved by TypeDoc (a wrong name fails the build). The label follows a space,
 * not `|`, so the link can sit in a table cell.
 */
export function sdkLink(name: string, label = name): string {
  return `{@link "@opsmerge/sdk"!${name} ${label.replace(/[{}|]/g, '')}}`;
}

/** The interface of a facade resource: `agents` → `AgentsResource`. */
export function resourceInterface(resource: string): string {
  return `${resource.charAt(0).toUpperCase()}${resource.slice(1)}Resource`;
}
