import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** Resident memory of a process tree, in bytes; `peak` includes the kernel's high-water mark of the root. */
export interface MemoryReading {
  readonly current: number;
  readonly peak: number;
}

const LINUX = process.platform === 'linux';

/** Reads the resident set size of a process and its descendants (Linux: /proc; macOS: ps). Undefined once it is gone. */
export function readTreeMemory(rootPid: number): MemoryReading | undefined {
  return LINUX ? readLinux(rootPid) : readWithPs(rootPid);
}

function readLinux(rootPid: number): MemoryReading | undefined {
  const root = statusOf(rootPid);
  if (!root) return undefined;
  let current = root.rss;
  for (const pid of descendants(rootPid)) current += statusOf(pid)?.rss ?? 0;
  return { current, peak: Math.max(current, root.hwm) };
}

function statusOf(pid: number): { rss: number; hwm: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  return { rss: kbField(text, 'VmRSS') * 1024, hwm: kbField(text, 'VmHWM') * 1024 };
}

function kbField(status: string, name: string): number {
  const at = status.indexOf(`${name}:`);
  if (at < 0) return 0;
  return parseInt(status.slice(at + name.length + 1), 10) || 0;
}

function descendants(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    let children: string;
    try {
      children = readFileSync(`/proc/${next}/task/${next}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const child of children.split(' ')) {
      const id = Number(child);
      if (id > 0) {
        found.push(id);
        queue.push(id);
      }
    }
  }
  return found;
}

function readWithPs(rootPid: number): MemoryReading | undefined {
  let out: string;
  try {
    out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' });
  } catch {
    return undefined;
  }
  const rows = out
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const tree = new Set([rootPid]);
  let current = 0;
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of rows) {
      if (pid !== undefined && ppid !== undefined && tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  if (!rows.some(([pid]) => pid === rootPid)) return undefined;
  for (const [pid, , rss] of rows)
    if (pid !== undefined && tree.has(pid)) current += (rss ?? 0) * 1024;
  return { current, peak: current };
}
