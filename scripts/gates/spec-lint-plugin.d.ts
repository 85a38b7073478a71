/** Redocly plugin with the project's lint rules (see spec-lint-plugin.js). */
export default function opsmergePlugin(): { id: string; rules: { oas3: Record<string, unknown> } };
