/**
 * GET /api/reference: the OpenAPI document as one HTML page, rendered here from the document itself,
 * with no script and nothing fetched from elsewhere (the CSP allows neither, and a wall on a LAN has no CDN).
 */
type Json = Record<string, unknown>;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const anchor = (ref: string) => `schema-${ref.replace('#/components/schemas/', '')}`;

/** A schema in short: its `$ref` as a link, or its type. */
function shortSchema(schema: Json | undefined): string {
  if (!schema) return '';
  if (typeof schema.$ref === 'string') return `<a href="#${anchor(schema.$ref)}">${escape(schema.$ref.replace('#/components/schemas/', ''))}</a>`;
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => `<code>${escape(String(value))}</code>`).join(' | ');
  return `<code>${escape(String(schema.type ?? 'any'))}</code>${typeof schema.description === 'string' ? ` — ${escape(schema.description)}` : ''}`;
}

function operationHtml(path: string, method: string, operation: Json): string {
  const parameters = (operation.parameters as Json[] | undefined) ?? [];
  const body = (operation.requestBody as { content?: Record<string, { schema?: Json }> } | undefined)?.content;
  const responses = (operation.responses as Record<string, { content?: Record<string, { schema?: Json }> }>) ?? {};
  const rows = parameters.map((p) => `<tr><td><code>${escape(String(p.name))}</code></td><td>${escape(String(p.in))}</td><td>${p.required ? 'required' : ''}</td><td>${shortSchema(p.schema as Json)}</td></tr>`).join('');
  const contents = (content: Record<string, { schema?: Json }> | undefined) =>
    Object.entries(content ?? {}).map(([type, media]) => `<code>${escape(type)}</code> ${shortSchema(media.schema)}`).join('<br>');
  return `<section class="op" id="${escape(String(operation.operationId))}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
<p>${escape(String(operation.summary ?? ''))} <span class="access">access: ${escape(String(operation['x-access'] ?? ''))}</span></p>
${rows ? `<table><tr><th>parameter</th><th>in</th><th></th><th>schema</th></tr>${rows}</table>` : ''}
${body ? `<p><b>Body</b><br>${contents(body)}</p>` : ''}
<table><tr><th>status</th><th>answer</th></tr>${Object.entries(responses).map(([status, r]) => `<tr><td>${escape(status)}</td><td>${contents(r.content)}</td></tr>`).join('')}</table>
</section>`;
}

export function referencePage(document: Json): string {
  const info = document.info as { title: string; version: string; description?: string };
  const paths = document.paths as Record<string, Record<string, Json>>;
  const schemas = (document.components as { schemas: Record<string, Json> }).schemas;
  const operations = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => operationHtml(path, method, operation)));
  const components = Object.entries(schemas).map(([name, schema]) => `<section id="schema-${escape(name)}"><h3>${escape(name)}</h3><pre>${escape(JSON.stringify(schema, null, 2))}</pre></section>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(info.title)} ${escape(info.version)}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1f24; }
code, pre { font-family: ui-monospace, monospace; } pre { background: #f4f5f7; padding: .75rem; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 13px; }
.op { border-top: 1px solid #d8dbe0; padding: .5rem 0; } .method { display: inline-block; min-width: 4rem; font-size: 13px; padding: 0 .3rem; border-radius: 3px; color: #fff; background: #44546a; }
.method.post { background: #1f6f43; } .method.delete { background: #9b2226; } .access { color: #5b6470; font-size: 13px; }
table { border-collapse: collapse; margin: .25rem 0; } td, th { text-align: left; padding: .1rem .6rem .1rem 0; vertical-align: top; font-size: 14px; }
</style></head><body>
<h1>${escape(info.title)} <small>${escape(info.version)}</small></h1>
<p>${escape(info.description ?? '')} The machine-readable document is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${escape(String(document.openapi))}).</p>
<h2>Operations</h2>
${operations.join('\n')}
<h2>Schemas</h2>
${components.join('\n')}
</body></html>`;
}
