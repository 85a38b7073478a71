/**
 * `opsmerge events trigger | acknowledge | resolve`: send monitoring events. Events with
 * the same dedup key land on one incident; acknowledge and resolve name it by that key.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { EventAccepted, EventLink, EventTrigger } from '@opsmerge/sdk';
import type { Context } from '../context.js';
import { parseTime } from '../list-options.js';
import { examples, type Builder } from '../builder.js';

/** `--link "Runbook=https://…"` or `--link https://…` (the URL is then its own text). */
export function parseLink(value: string, previous: EventLink[] = []): EventLink[] {
  const match = /^(.*?)=(https?:\/\/\S+)$/.exec(value.trim());
  const href = match ? match[2]! : value.trim();
  const text = match ? match[1]!.trim() : href;
  if (!/^https?:\/\/\S+$/.test(href)) throw new InvalidArgumentError('--link takes a URL or TEXT=URL, e.g. "Runbook=https://wiki.example/disk-full".');
  return [...previous, { href, text: text === '' ? href : text }];
}

function parseDetails(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('--details must be a JSON object, e.g. \'{"free_gb": 8.2}\'.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidArgumentError('--details must be a JSON object, e.g. \'{"free_gb": 8.2}\'.');
  return parsed as Record<string, unknown>;
}

function printAccepted(ctx: Context, accepted: EventAccepted): void {
  if (ctx.output.machine) ctx.output.json(accepted);
  else ctx.output.record([
    ['Status', accepted.status],
    ['Incident', accepted.incident_id],
    ['Dedup key', accepted.dedup_key],
    ['Message', accepted.message],
  ]);
}

/** Adds `events` and its subcommands. */
export function addEventsCommand(program: Command, builder: Builder): void {
  const events = program.command('events').description('trigger, acknowledge and resolve incidents with monitoring events')
    .helpGroup('API resources:');
  examples(events, [
    'opsmerge events trigger --service-id svc_01HZX7S2K4 --summary "Disk C: 96% full" --severity critical --source NW-SQL01 --dedup-key nw-sql01/disk/C',
    'opsmerge events resolve --dedup-key nw-sql01/disk/C',
  ]);

  const trigger = events
    .command('trigger')
    .description('send an event: opens an incident, or joins the open one with the same dedup key')
    .requiredOption('--service-id <id>', 'the service the event is routed to (svc_…)')
    .requiredOption('--summary <text>', 'one line that says what is wrong; becomes the incident title')
    .addOption(new Option('--severity <level>', 'error and critical open high-urgency incidents').choices(['info', 'warning', 'error', 'critical']).makeOptionMandatory())
    .requiredOption('--source <host>', 'the host or component the event is about')
    .option('--dedup-key <key>', 'groups events into one incident (default: the server makes one and prints it)')
    .addOption(new Option('--timestamp <time>', 'when the problem was seen (default: now)').argParser((v) => parseTime(v, '--timestamp')))
    .addOption(new Option('--details <json>', 'a JSON object shown on the incident (metrics, thresholds, check output)').argParser(parseDetails))
    .addOption(new Option('--link <link>', 'a link shown on the incident: URL or TEXT=URL (repeatable)').argParser(parseLink));
  examples(trigger, [
    'opsmerge events trigger --service-id svc_01HZX7S2K4 --summary "Disk C: on NW-SQL01 is 96% full" --severity critical --source NW-SQL01.northwind.local --dedup-key nw-sql01/disk/C',
    'opsmerge events trigger --service-id svc_01HZX7S2K4 --summary "Backup late" --severity warning --source backup01 --details \'{"hours_late": 3}\' --link "Runbook=https://wiki.example/backups" --json',
  ]);
  builder.action(trigger, async (ctx, _args, options) => {
    const body: EventTrigger = {
      service_id: String(options['serviceId']),
      summary: String(options['summary']),
      severity: options['severity'] as EventTrigger['severity'],
      source: String(options['source']),
    };
    if (typeof options['dedupKey'] === 'string') body.dedup_key = options['dedupKey'];
    if (typeof options['timestamp'] === 'string') body.timestamp = options['timestamp'];
    if (options['details'] !== undefined) body.custom_details = options['details'] as Record<string, unknown>;
    if (Array.isArray(options['link'])) body.links = options['link'] as EventLink[];
    const client = await ctx.client();
    printAccepted(ctx, await client.events.trigger(body));
  });

  for (const [name, description] of [
    ['acknowledge', 'acknowledge the open incident of a dedup key (someone is on it; escalations stop)'],
    ['resolve', 'resolve the open incident of a dedup key'],
  ] as const) {
    const command = events.command(name).description(description).requiredOption('--dedup-key <key>', 'the dedup key the incident\'s events carry');
    examples(command, [`opsmerge events ${name} --dedup-key nw-sql01/disk/C`, `opsmerge events ${name} --dedup-key nw-sql01/disk/C --json`]);
    builder.action(command, async (ctx, _args, options) => {
      const client = await ctx.client();
      const body = { dedup_key: String(options['dedupKey']) };
      printAccepted(ctx, await (name === 'acknowledge' ? client.events.acknowledge(body) : client.events.resolve(body)));
    });
  }
}
