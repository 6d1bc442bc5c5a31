/**
 * Delivers notifications on this machine. Webhook notifications name notification destinations
 * by id; the local workspace maps ids to URLs with `notification-destinations.json` in the data
 * dir (`{"<id>": {"url": "https://…"}}`, or `{"<id>": "https://…"}`) and POSTs the JSON payload
 * (plan.ts). E-mails are not sent: each is appended as one JSON line to `outbox.jsonl` in the
 * data dir (`{time, to, subject, body, event, job_id, run_id, task_key?}`). Failures are
 * reported as warnings and never affect the run.
 */
import { join } from 'node:path';
import type { EngineClock, EngineFs, HttpPort } from '../../../ports/engine.js';
import { emailMessage, isEmpty, webhookPayload, type EventFacts, type Recipients } from './plan.js';

export interface NotifierDeps {
  fs: EngineFs;
  http: HttpPort;
  clock: EngineClock;
  /** Where the destinations file and the outbox are; none: notifications are only warned about. */
  dir?: string;
  warn(message: string): void;
}

export const DESTINATIONS_FILE = 'notification-destinations.json';
export const OUTBOX_FILE = 'outbox.jsonl';
const WEBHOOK_TIMEOUT_MS = 10_000;

export class Notifier {
  constructor(private readonly d: NotifierDeps) {}

  async send(facts: EventFacts, to: Recipients): Promise<void> {
    if (isEmpty(to)) return;
    if (!this.d.dir) {
      this.d.warn(`notification ${facts.event} for run ${facts.runId} not delivered: the workspace has no data dir`);
      return;
    }
    await Promise.all([this.mail(facts, to.emails), ...to.webhooks.map((id) => this.webhook(facts, id))]);
  }

  private async mail(facts: EventFacts, emails: string[]): Promise<void> {
    if (emails.length === 0) return;
    const { subject, body } = emailMessage(facts);
    const line = {
      time: new Date(this.d.clock.now()).toISOString(), to: emails, subject, body, event: facts.event,
      job_id: facts.jobId, run_id: facts.runId, ...(facts.taskKey ? { task_key: facts.taskKey } : {}),
    };
    await this.d.fs.appendFile(join(this.d.dir as string, OUTBOX_FILE), `${JSON.stringify(line)}\n`);
  }

  private async webhook(facts: EventFacts, id: string): Promise<void> {
    const url = await this.destination(id);
    if (!url) {
      this.d.warn(`webhook destination ${id} is not in ${join(this.d.dir as string, DESTINATIONS_FILE)}; ${facts.event} for run ${facts.runId} not sent`);
      return;
    }
    try {
      const status = await this.d.http.postJson(url, webhookPayload(facts), WEBHOOK_TIMEOUT_MS);
      if (status >= 300) this.d.warn(`webhook ${id} (${url}) answered ${status} to ${facts.event}`);
    } catch (err) {
      this.d.warn(`webhook ${id} (${url}) failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async destination(id: string): Promise<string | undefined> {
    const raw = await this.d.fs.readFile(join(this.d.dir as string, DESTINATIONS_FILE));
    if (!raw) return undefined;
    try {
      const entry = (JSON.parse(raw.toString('utf8')) as Record<string, unknown>)[id];
      const url = typeof entry === 'string' ? entry : (entry as { url?: unknown } | undefined)?.url;
      return typeof url === 'string' ? url : undefined;
    } catch {
      this.d.warn(`${DESTINATIONS_FILE} is not valid JSON`);
      return undefined;
    }
  }
}
