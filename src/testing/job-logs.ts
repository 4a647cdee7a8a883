/**
 * GitLab job logs as the raw trace shows them (what "Show complete raw" or the API returns): runner preamble,
 * `section_start`/`section_end` markers, ANSI colours, optional FF_TIMESTAMPS prefixes
 * (`2026-11-20T10:11:12.123456Z 01O `), CRLF line ends from Windows runners. The troubleshooter tests wrap the
 * failure samples of failures.md and clean logs of successful builds in these.
 */

export type LogExecutor = 'docker' | 'kubernetes' | 'shell' | 'docker-windows' | 'docker-autoscaler' | 'hosted';

export interface JobLogOptions {
  executor: LogExecutor;
  runnerVersion?: string;
  image?: string;
  services?: string[];
  /** Commands echoed as `$ command`, each followed by the output lines given for it. */
  steps: { run: string; out?: string[] }[];
  /** Lines printed by the runner between service start and the script (health-check warnings). */
  serviceNotes?: string[];
  result: 'success' | 'failed' | 'timeout' | 'system';
  /** The last line when the job fails (defaults by result). */
  failure?: string;
  timestamps?: boolean;
  ansi?: boolean;
  crlf?: boolean;
  /** Seed for ids and times. */
  seed?: number;
}

const ESC = '\x1b';

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

export function jobLog(o: JobLogOptions): string {
  const rand = rng(o.seed ?? 7);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  const ansi = o.ansi ?? true;
  const color = (code: string, text: string) => (ansi ? `${ESC}[${code}m${text}${ESC}[0;m` : text);
  const clear = ansi ? `${ESC}[0K` : '';
  let t = Date.UTC(2026, 10, 20, 10, 11, 12) + Math.floor(rand() * 1000) * 1000;
  const epoch = () => Math.floor(t / 1000);
  const out: string[] = [];
  const ts = (stream: 'O' | 'E', cont = false) => {
    t += Math.floor(rand() * 900) + 10;
    const micro = String(Math.floor(rand() * 1e6)).padStart(6, '0');
    const iso = new Date(t).toISOString().replace(/\.\d{3}Z$/, `.${micro}Z`);
    return o.timestamps ? `${iso} ${stream === 'O' ? '01' : '00'}${stream}${cont ? '+' : ' '}` : '';
  };
  const line = (text: string, stream: 'O' | 'E' = 'O') => out.push(`${ts(stream)}${text}`);
  const section = (name: string, header: string, body: () => void) => {
    line(`section_start:${epoch()}:${name}\r${clear}${color('36;1', header)}`);
    body();
    line(`section_end:${epoch()}:${name}\r${clear}`);
  };

  const version = o.runnerVersion ?? '17.11.1';
  const runnerId = `t3_${hex(6)}`;
  const project = 40 + Math.floor(rand() * 900);
  const image =
    o.image ?? (o.executor === 'docker-windows' ? 'docker:29.7.2-windowsservercore-ltsc2022' : 'docker:29.7.2-cli');
  const digest = () => `sha256:${hex(64)}`;
  const executorName = o.executor === 'hosted' ? 'docker+machine' : o.executor === 'docker' ? 'docker' : o.executor;

  line(`${clear}Running with gitlab-runner ${version} (${hex(8)})`);
  line(
    `${clear}  on ${o.executor === 'hosted' ? `green-${hex(1)}.saas-linux-small-amd64.runners-manager.gitlab.com/default` : 'build-runner-01'} ${runnerId}, system ID: s_${hex(12)}`,
  );
  if (o.executor === 'hosted') line(`${clear}${color('32;1', 'Resolving secrets')}`);
  section('prepare_executor', `Preparing the "${executorName}" executor`, () => {
    if (o.executor === 'shell') {
      line(`${clear}Using Shell (bash) executor...`);
      return;
    }
    if (o.executor === 'kubernetes') {
      line(`${clear}Using Kubernetes namespace: gitlab-runner`);
      line(`${clear}Using Kubernetes executor with image ${image} ...`);
      line(`${clear}Using attach strategy to execute scripts...`);
      return;
    }
    if (o.executor === 'docker-autoscaler') {
      line(`${clear}Dialing instance ${Math.floor(rand() * 9)}...`);
      line(`${clear}Instance connected`);
    }
    line(`${clear}Using Docker executor with image ${image} ...`);
    for (const s of o.services ?? []) {
      line(`${clear}Starting service ${s} ...`);
      line(`${clear}Pulling docker image ${s} ...`);
      line(`${clear}Using docker image ${digest()} for ${s} with digest ${s.split(':')[0]}@${digest()} ...`);
    }
    if ((o.services ?? []).length) line(`${clear}Waiting for services to be up and running (timeout 30 seconds)...`);
    for (const n of o.serviceNotes ?? []) line(n.startsWith('*** WARNING') ? color('0;33', n) : n, 'E');
    line(`${clear}Pulling docker image ${image} ...`);
    line(`${clear}Using docker image ${digest()} for ${image} with digest ${image.split(':')[0]}@${digest()} ...`);
  });
  section('prepare_script', 'Preparing environment', () => {
    if (o.executor === 'kubernetes') {
      line(
        `${clear}Waiting for pod gitlab-runner/runner-${runnerId.slice(3)}-project-${project}-concurrent-0-${hex(8)} to be running, status is Pending`,
      );
      line(`${clear}\tContainersNotReady: "containers with unready status: [build helper svc-0]"`);
    }
    for (const n of o.executor === 'kubernetes' ? (o.serviceNotes ?? []) : []) line(n, 'E');
    line(
      o.executor === 'docker-windows'
        ? `Running on RUNNER-${hex(4).toUpperCase()} via win-build-01...`
        : `Running on runner-${runnerId.slice(3)}-project-${project}-concurrent-0 via build-host-01...`,
    );
  });
  section('get_sources', 'Getting source from Git repository', () => {
    line(`${clear}${color('32;1', 'Fetching changes with git depth set to 20...')}`);
    line(
      o.executor === 'docker-windows'
        ? `Initialized empty Git repository in C:/builds/acme/app/.git/`
        : 'Initialized empty Git repository in /builds/acme/app/.git/',
    );
    line(`${color('32;1', 'Created fresh repository.')}`);
    line(`${color('32;1', `Checking out ${hex(8)} as detached HEAD (ref is main)...`)}`);
    line('');
    line(`${color('32;1', 'Skipping Git submodules setup')}`);
  });
  section('step_script', 'Executing "step_script" stage of the job script', () => {
    if (o.executor !== 'shell' && o.executor !== 'kubernetes')
      line(`${clear}Using docker image ${digest()} for ${image} with digest ${image.split(':')[0]}@${digest()} ...`);
    for (const step of o.steps) {
      line(`${color('32;1', `$ ${step.run}`)}`);
      for (const l of step.out ?? []) {
        const stderr = /error|denied|warning|fail/i.test(l);
        line(l, stderr ? 'E' : 'O');
      }
    }
  });
  if (o.result === 'success') {
    section('cleanup_file_variables', 'Cleaning up project directory and file based variables', () => {});
    line(`${clear}${color('32;1', 'Job succeeded')}`);
  } else {
    if (o.result !== 'timeout' && o.result !== 'system')
      section('cleanup_file_variables', 'Cleaning up project directory and file based variables', () => {});
    const failure =
      o.failure ??
      (o.result === 'timeout'
        ? 'ERROR: Job failed: execution took longer than 1h0m0s seconds'
        : o.result === 'system'
          ? 'ERROR: Job failed (system failure): prepare environment: exit code 1'
          : 'ERROR: Job failed: exit code 1');
    line(`${clear}${color('31;1', failure)}`);
  }
  return out.join(o.crlf ? '\r\n' : '\n') + (o.crlf ? '\r\n' : '\n');
}
