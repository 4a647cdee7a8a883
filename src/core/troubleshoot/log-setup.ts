/**
 * The setup a job log comes from, as far as the log shows it: the build tool the job ran and the runner's executor.
 * The troubleshooter compares it with the current answers: files generated for another build method or executor
 * are not the files that failed, so "your files already avoid this" would not be true of the log's setup.
 */
import type { Answers } from '../answers';
import { msg, type Msg } from '../i18n';
import { isHosted } from '../vocabulary';
import type { CheckTool } from './generic-checks';
import { cleanLine } from './recognise';

/** The build tool of a log: the four of the generated setups, or Kaniko (which the answers replace). */
export type LogTool = CheckTool | 'kaniko';

/** What a log shows of its setup; null where it shows nothing. */
export interface LogSetup {
  tool: LogTool | null;
  /** The executor named by `Preparing the "<executor>" executor` (docker, kubernetes, shell, docker-windows, …). */
  executor: string | null;
}

const TOOL_COMMAND =
  /^\$ (?:sudo )?(?:(?<podman>podman)|(?<buildah>buildah)|(?<buildctl>buildctl(?:-daemonless\.sh)?)|(?<kaniko>\/kaniko\/executor)|(?<docker>docker(?:-compose)?))\b/m;
const TOOL_IMAGE =
  /^Using [\w+ -]{1,40} executor with image (?:\S*\/)?(?:(?<podman>podman\/)|(?<buildah>buildah\/)|(?<buildctl>moby\/buildkit)|(?<kaniko>kaniko-project\/)|(?<docker>docker:))/m;
const TOOL_ANYWHERE =
  /\b(?:(?<podman>podman)|(?<buildah>buildah)|(?<buildctl>buildctl|buildkitd)|(?<kaniko>kaniko)|(?<docker>dockerd|docker))\b/i;
const EXECUTOR = /Preparing the "(?<executor>[\w+-]{1,40})" executor/;

function toolOf(m: RegExpExecArray | null): LogTool | null {
  const g = m?.groups;
  if (!g) return null;
  for (const tool of ['podman', 'buildah', 'buildctl', 'kaniko', 'docker'] as const) if (g[tool]) return tool;
  return null;
}

/**
 * The build tool and executor a job log shows: the tool of the first script command GitLab echoes (`$ buildah …`),
 * else of the job image (`Using Docker executor with image quay.io/podman/stable…`), else the first tool the log
 * names; the executor of `Preparing the "…" executor`. Reads at most the first 2 MB. Never throws.
 */
export function readLogSetup(log: string): LogSetup {
  // Lines as a reader sees them: no colours, section markers or runner timestamps (`cleanLine`).
  const text = log
    .slice(0, 2 * 1024 * 1024)
    .split(/\r?\n|\r/)
    .map(cleanLine)
    .join('\n');
  const tool = toolOf(TOOL_COMMAND.exec(text)) ?? toolOf(TOOL_IMAGE.exec(text)) ?? toolOf(TOOL_ANYWHERE.exec(text));
  return { tool, executor: EXECUTOR.exec(text)?.groups?.executor ?? null };
}

/** The build tool the answers' files run (`plan.method.tool`). */
export function answersTool(a: Pick<Answers, 'method'>): CheckTool {
  if (a.method === 'buildah' || a.method === 'podman') return a.method;
  if (a.method === 'buildkit-rootless' || a.method === 'buildctl') return 'buildctl';
  return 'docker';
}

const TOOL_NAMES: Record<LogTool, string> = {
  docker: 'Docker',
  buildctl: 'BuildKit',
  buildah: 'Buildah',
  podman: 'Podman',
  kaniko: 'Kaniko',
};

/**
 * A note when the log comes from another build tool or executor than the answers describe (e.g. a Buildah job while
 * the answers build with Docker-in-Docker), or null when they agree or the log does not say. The executor is not
 * compared for GitLab-hosted runners (their logs name the runner's autoscaling executor).
 */
export function setupMismatch(a: Answers, log: LogSetup): Msg | null {
  const tool = answersTool(a);
  const otherTool = log.tool !== null && log.tool !== tool;
  const executor = isHosted(a) ? null : a.executor;
  const otherExecutor = log.executor !== null && executor !== null && log.executor !== executor;
  if (!otherTool && !otherExecutor) return null;
  const logSide = [
    otherTool && log.tool ? TOOL_NAMES[log.tool] : null,
    otherExecutor ? `the "${log.executor}" executor` : null,
  ]
    .filter(Boolean)
    .join(' on ');
  const logSideJa = [
    otherTool && log.tool ? TOOL_NAMES[log.tool] : null,
    otherExecutor ? `「${log.executor}」executor` : null,
  ]
    .filter(Boolean)
    .join('、');
  const answersSide = [otherTool ? TOOL_NAMES[tool] : null, otherExecutor ? `the "${executor}" executor` : null]
    .filter(Boolean)
    .join(' on ');
  const answersSideJa = [otherTool ? TOOL_NAMES[tool] : null, otherExecutor ? `「${executor}」executor` : null]
    .filter(Boolean)
    .join('、');
  return msg(
    `This log comes from ${logSide}, but the current answers generate files for ${answersSide}: those files are not the ones that failed, so what they avoid says nothing of this job. Set the answers to the job's setup first, or compare the fix with your own files.`,
    `このログは${logSideJa}のものですが、現在の回答は${answersSideJa}向けのファイルを生成します。そのファイルは失敗したファイルではないため、それが避けている内容はこのジョブには当てはまりません。先に回答をジョブの構成に合わせるか、修正内容を自分のファイルと比べてください。`,
  );
}
