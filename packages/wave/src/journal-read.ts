// Reading a journal back, as --resume does: cut at any byte (kill -9, a full disk, a power loss),
// it is read up to its last whole line, and a torn last line is ignored, never an error. What it
// yields is where each task of the wave stands.
import type { WaveHeader } from './journal.js';
import { REPORT_FORMAT } from './journal.js';
import { emptyCounts, type Outcome } from './outcome.js';
import type { Source } from './source.js';

export interface WaveRecord {
  /** Undefined when not even the header line was written whole. */
  header: WaveHeader | undefined;
  /** The source the last run read (a resume given `-` or --ids-file again records its own). */
  source: Source | undefined;
  /** Each task's last outcome, or `sent` when it was sent and no answer was recorded. */
  tasks: Map<string, Outcome | 'sent'>;
  /** The last run's tasks that were sent and have no answer: where each was read, and when it was sent (ms). */
  unanswered: Map<string, { line: string; at: number | undefined }>;
  /**
   * Tasks whose last call may have acted (no answer, a timeout, a 5xx…), with when it was sent (ms;
   * undefined in a report that does not say): a resume reads each before it sends it again.
   */
  lost: Map<string, number | undefined>;
  /** The last run's counts, for the summary it did not write when it has none. */
  lastRun: Record<Outcome, number> & { duplicates: number };
  /** Whether the last run wrote its summary (it ended, even if cut off, rather than being killed). */
  closed: boolean;
  /** Whether that summary says every id of its source was read and answered. */
  complete: boolean;
  /** The bytes up to the end of the last whole line: where a resume appends. */
  length: number;
}

/** The file is not a journal of sms-task (not one cut short: that is read as far as it goes). */
export class NotAJournal extends Error {}

/** Whether the file's first line is a journal's header, whatever follows it. */
export function startsAsJournal(bytes: Buffer): boolean {
  const end = bytes.indexOf(0x0a);
  try {
    const line = JSON.parse(bytes.toString('utf8', 0, end < 0 ? bytes.length : end));
    return line?.type === 'wave' && line.format === REPORT_FORMAT;
  } catch {
    return false;
  }
}

export function readJournal(bytes: Buffer): WaveRecord {
  const record: WaveRecord = {
    header: undefined,
    source: undefined,
    tasks: new Map(),
    unanswered: new Map(),
    lost: new Map(),
    lastRun: { ...emptyCounts(), duplicates: 0 },
    closed: false,
    complete: false,
    length: bytes.lastIndexOf(0x0a) + 1,
  };
  let start = 0;
  let number = 0;
  while (start < record.length) {
    const end = bytes.indexOf(0x0a, start);
    const text = bytes.toString('utf8', start, end);
    start = end + 1;
    number++;
    let line: Record<string, any>;
    try {
      line = JSON.parse(text);
    } catch {
      throw new NotAJournal(
        number === 1 ? 'not a journal of sms-task' : `line ${number} is not JSON: the file was changed by hand?`,
      );
    }
    if (!line || typeof line !== 'object' || Array.isArray(line))
      throw new NotAJournal(`line ${number} is not an object`);
    if (number === 1) {
      if (line.type !== 'wave' || line.format !== REPORT_FORMAT) throw new NotAJournal('not a journal of sms-task');
      record.header = line as WaveHeader;
      record.source = line.source;
      continue;
    }
    apply(record, line);
  }
  return record;
}

function apply(record: WaveRecord, line: Record<string, any>) {
  switch (line.type) {
    case 'resume':
      record.source = line.source;
      record.closed = false;
      record.complete = false;
      record.unanswered.clear();
      record.lastRun = { ...emptyCounts(), duplicates: 0 };
      break;
    case 'sent': {
      record.tasks.set(line.task_id, 'sent');
      // A report of an earlier version has no `at`.
      const at = typeof line.at === 'string' ? Date.parse(line.at) : Number.NaN;
      record.unanswered.set(line.task_id, { line: line.line, at: Number.isNaN(at) ? undefined : at });
      break;
    }
    case 'result': {
      const outcome = line.outcome as Outcome;
      record.lastRun[outcome]++;
      // A repeat stands for the line it repeats, whose own result says how the task ended.
      if (line.repeats) {
        record.lastRun.duplicates++;
        break;
      }
      record.tasks.set(line.task_id, outcome);
      // A result with no call of its own (a resume's undetermined one) keeps the time of the call it is about.
      const sent = record.unanswered.get(line.task_id);
      const at = sent ? sent.at : record.lost.get(line.task_id);
      record.unanswered.delete(line.task_id);
      if (outcome === 'failed' && line.may_have_acted !== false) record.lost.set(line.task_id, at);
      else record.lost.delete(line.task_id);
      break;
    }
    case 'summary':
      record.closed = true;
      record.complete = line.complete === true;
      break;
    // Lines of a later format are skipped: what this version understands is still right.
  }
}
