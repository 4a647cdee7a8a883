/**
 * Deliberately broken setups, each a small edit of a preset's generated files: the real tools must catch every one
 * (the job fails, the service does not start, or dockerd refuses daemon.json), with the tool's own error. These show
 * that the harness can fail.
 */
import { presetById } from '../../core/presets';
import { realSuite, type SuiteCase } from './suite';

/** Replaces `from` with `to` in `file`; throws when `from` is absent, so a changed generator cannot make it a no-op. */
function edit(file: string, from: string | RegExp, to: string) {
  return (files: Map<string, string>) => {
    const text = files.get(file);
    if (text === undefined) throw new Error(`no ${file}`);
    const next = text.replace(from, to);
    if (next === text) throw new Error(`${file}: ${String(from)} not found`);
    files.set(file, next);
  };
}

const answers = (id: string) => {
  const p = presetById(id);
  if (!p) throw new Error(id);
  return p.answers;
};

const CASES: SuiteCase[] = [
  {
    id: 'N1',
    name: 'S02 with DOCKER_HOST on the plain port 2375 while dind serves TLS on 2376',
    answers: answers('S02'),
    mutate: edit('.gitlab-ci.yml', 'tcp://docker:2376', 'tcp://docker:2375'),
    expect: { fail: /Cannot connect to the Docker daemon at tcp:\/\/docker:2375|connection refused/ },
  },
  {
    id: 'N2',
    name: 'S02 without the /certs/client volume in config.toml',
    answers: answers('S02'),
    mutate: edit('config.toml', '"/certs/client", ', ''),
    expect: { fail: /certs\/client\/ca\.pem: no such file or directory|could not read CA certificate/ },
  },
  {
    id: 'N3',
    name: 'S02 with privileged = false: the dind service cannot start',
    answers: answers('S02'),
    mutate: edit('config.toml', 'privileged = true', 'privileged = false'),
    expect: { fail: /iptables[^\n]*Permission denied \(you must be root\)/ },
  },
  {
    id: 'N4',
    name: 'S15 with an unknown key in daemon.json',
    answers: answers('S15'),
    mutate: edit('daemon.json', '{', '{\n  "foo": 1,'),
    expect: { fail: /directives don't match any configuration option: foo/ },
  },
  {
    id: 'N5',
    name: 'S15 with a registry mirror without scheme in daemon.json',
    answers: answers('S15'),
    mutate: edit('daemon.json', 'https://registry-mirror.example.com', 'registry-mirror.example.com'),
    expect: { fail: /invalid mirror/ },
  },
  {
    id: 'N6',
    name: 'S02 without docker login: the push is refused',
    answers: answers('S02'),
    mutate: edit('.gitlab-ci.yml', /\n {4}- echo "\$CI_REGISTRY_PASSWORD" \| docker login[^\n]*/, ''),
    expect: { fail: /no basic auth credentials|unauthorized|authentication required/ },
  },
  {
    id: 'N7',
    name: 'S05 with NO_PROXY missing the service alias docker: the proxy cannot reach it',
    answers: answers('S05'),
    mutate: edit('.gitlab-ci.yml', 'NO_PROXY: docker,', 'NO_PROXY: '),
    expect: { fail: /proxyconnect|Bad Gateway|502/ },
  },
  {
    id: 'N8',
    name: 'S19 (buildah) without buildah login: the push is refused',
    answers: answers('S19'),
    mutate: edit('.gitlab-ci.yml', /\n {4}- echo "\$CI_REGISTRY_PASSWORD" \| buildah login[^\n]*/, ''),
    expect: { fail: /authentication required|unauthorized/ },
  },
];

realSuite('real tools: broken setups are caught', CASES);
