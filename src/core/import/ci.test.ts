import { describe, expect, it } from 'vitest';
import { generate } from '../generate';
import { PRESETS } from '../presets';
import { buildToolOf, ciTree, maskSecret, readGitlabCi } from './ci';
import { splitPowerShell, splitShell } from './ci-shell';
import type { CiJob, ImportedCi } from './types';

const read = (content: string) => readGitlabCi({ path: '.gitlab-ci.yml', content });
const ok = (content: string): ImportedCi => {
  const { ci, problems } = read(content);
  expect(problems.filter((p) => p.kind === 'parse' || p.kind === 'schema')).toEqual([]);
  if (!ci) throw new Error('no ci');
  return ci;
};
const job = (ci: ImportedCi, name: string): CiJob => {
  const j = ci.jobs.find((x) => x.name === name);
  if (!j) throw new Error(`no job ${name}`);
  return j;
};
const cmds = (j: CiJob) => j.commands.map((c) => `${c.section}@${c.pos.line} ${c.words.join(' ')}`);

describe('readGitlabCi: anchors and merge keys', () => {
  it('follows aliases and << merges, keeping the lines where the values are written', () => {
    const ci = ok(
      [
        '.docker: &docker', // 1
        '  image: docker:27.3.1-cli', // 2
        '  services:', // 3
        '    - name: docker:27.3.1-dind', // 4
        '      alias: docker', // 5
        '  variables: &vars', // 6
        '    DOCKER_TLS_CERTDIR: "/certs"', // 7
        '', // 8
        'build:', // 9
        '  <<: *docker', // 10
        '  variables:', // 11
        '    <<: *vars', // 12
        '    EXTRA: "1"', // 13
        '  script:', // 14
        '    - docker build -t x .', // 15
      ].join('\n'),
    );
    const b = job(ci, 'build');
    expect(b.image?.value).toBe('docker:27.3.1-cli');
    expect(b.image?.pos.line).toBe(2);
    expect(b.services.map((s) => [s.name, s.alias, s.pos.line])).toEqual([['docker:27.3.1-dind', ['docker'], 4]]);
    expect(Object.entries(b.variables).map(([k, v]) => [k, v.value, v.pos.line])).toEqual([
      ['DOCKER_TLS_CERTDIR', '/certs', 7],
      ['EXTRA', '1', 13],
    ]);
    expect(b.build).toBe('docker');
    expect(cmds(b)).toEqual(['script@15 docker build -t x .']);
    expect(job(ci, '.docker').hidden).toBe(true);
    expect(job(ci, '.docker').build).toBeNull();
  });

  it('lets keys set before << be overwritten by the merge, and keys after it win (Ruby Psych)', () => {
    const ci = ok(['.a: &a', '  stage: test', 'j:', '  stage: build', '  <<: *a', '  script: [x]'].join('\n'));
    expect(job(ci, 'j').stage).toBe('test');
    const ci2 = ok(['.a: &a', '  stage: test', 'j:', '  <<: *a', '  stage: build', '  script: [x]'].join('\n'));
    expect(job(ci2, 'j').stage).toBe('build');
  });

  it('reads plain y and n as strings, like Psych', () => {
    const ci = ok(['j:', '  script: [x]', '  variables:', '    FLAG: y', '    OTHER: n'].join('\n'));
    expect(job(ci, 'j').variables.FLAG?.value).toBe('y');
    expect(job(ci, 'j').variables.OTHER?.value).toBe('n');
  });
});

describe('readGitlabCi: extends, default, inherit', () => {
  const text = [
    'variables:', // 1
    '  GLOBAL: "g"', // 2
    'default:', // 3
    '  image: docker:27.3.1-cli', // 4
    '  tags: [shared]', // 5
    '  before_script:', // 6
    '    - docker info', // 7
    '.base:', // 8
    '  variables:', // 9
    '    A: "base"', // 10
    '    B: "base"', // 11
    '  services:', // 12
    '    - docker:27.3.1-dind', // 13
    '  cache:', // 14
    '    key: one', // 15
    '    paths: [a, b]', // 16
    '.middle:', // 17
    '  extends: .base', // 18
    '  variables:', // 19
    '    B: "middle"', // 20
    '  cache:', // 21
    '    paths: [c]', // 22
    '.other:', // 23
    '  variables:', // 24
    '    A: "other"', // 25
    'build:', // 26
    '  extends: [.middle, .other]', // 27
    '  image: docker:27.3.1', // 28
    '  script:', // 29
    '    - docker build .', // 30
    'plain:', // 31
    '  inherit:', // 32
    '    default: [tags]', // 33
    '    variables: false', // 34
    '  script: [echo]', // 35
  ].join('\n');

  it('merges extends deeply across levels, later parents win, arrays are replaced', () => {
    const ci = ok(text);
    const b = job(ci, 'build');
    expect(Object.fromEntries(Object.entries(b.variables).map(([k, v]) => [k, [v.value, v.pos.line]]))).toEqual({
      A: ['other', 25],
      B: ['middle', 20],
    });
    expect(b.data.cache).toEqual({ key: 'one', paths: ['c'] });
    expect(b.services.map((s) => s.pos.line)).toEqual([13]);
    expect(b.image).toMatchObject({ value: 'docker:27.3.1', pos: { line: 28 } });
    expect(b.data.extends).toBeUndefined();
  });

  it('applies default: keys the job does not set, from the lines of default:', () => {
    const ci = ok(text);
    const b = job(ci, 'build');
    expect(b.tags.map((t) => [t.value, t.pos.line])).toEqual([['shared', 5]]);
    expect(cmds(b)).toEqual(['before_script@7 docker info', 'script@30 docker build .']);
    expect(b.commands[0]?.origin).toBe('default');
    expect(b.commands[1]?.origin).toBe('build');
    // inherit: default: [tags] takes the tags only; variables: false is recorded for the global variables.
    const p = job(ci, 'plain');
    expect(p.tags.map((t) => t.value)).toEqual(['shared']);
    expect(p.image).toBeNull();
    expect(cmds(p)).toEqual(['script@35 echo']);
    expect(ciTree(ci)?.inherits.get('plain')).toEqual({ default: ['tags'], variables: false });
    expect(ci.variables.GLOBAL).toEqual({ value: 'g', pos: { file: '.gitlab-ci.yml', line: 2, column: 3 } });
    // Hidden jobs are templates: no default: keys.
    expect(job(ci, '.base').tags).toEqual([]);
  });

  it('treats deprecated global image/before_script as default', () => {
    const ci = ok(
      ['image: docker:27.3.1', 'before_script: [docker info]', 'j:', '  script: [docker build .]'].join('\n'),
    );
    expect(job(ci, 'j').image?.pos.line).toBe(1);
    expect(cmds(job(ci, 'j'))).toEqual(['before_script@2 docker info', 'script@4 docker build .']);
  });

  it('reports unknown, circular and too deep extends on the extends line', () => {
    const { problems } = read(
      [
        'a:',
        '  extends: .nope',
        '  script: [x]',
        '.b:',
        '  extends: .c',
        '.c:',
        '  extends: .b',
        'd:',
        '  extends: .b',
        '  script: [y]',
      ].join('\n'),
    );
    const lines = problems.filter((p) => p.kind === 'schema').map((p) => p.pos.line);
    expect(lines).toContain(2);
    expect(lines.some((l) => l === 5 || l === 7)).toBe(true);
    const chain = ['.l0:', '  script: [x]'];
    for (let i = 1; i <= 12; i++) chain.push(`.l${i}:`, `  extends: .l${i - 1}`);
    chain.push('job:', '  extends: .l12');
    const deep = read(chain.join('\n')).problems.filter((p) => /levels/.test(p.message.en));
    // .l12 is the 12th level: the first beyond GitLab's 11 (line 2 + 2 * 12).
    expect(deep.map((p) => p.pos.line)).toEqual([26]);
    const eleven = read(chain.slice(0, 22).concat(['job:', '  extends: .l10']).join('\n'));
    expect(eleven.problems.filter((p) => /levels/.test(p.message.en))).toEqual([]);
  });
});

describe('readGitlabCi: !reference, scripts and commands', () => {
  it('resolves !reference in before_script and script, nested, on the template lines', () => {
    const ci = ok(
      [
        '.setup:', // 1
        '  before_script:', // 2
        '    - docker login -u "$U" --password-stdin < pw', // 3
        '.more:', // 4
        '  script:', // 5
        '    - !reference [.setup, before_script]', // 6
        '    - docker info', // 7
        'build:', // 8
        '  before_script:', // 9
        '    - !reference [.more, script]', // 10
        '  script:', // 11
        '    - docker buildx build --push .', // 12
        '  variables:', // 13
        '    IMG: !reference [.setup, before_script, 0]', // 14
      ].join('\n'),
    );
    const b = job(ci, 'build');
    expect(cmds(b)).toEqual([
      'before_script@3 docker login -u $U --password-stdin',
      'before_script@7 docker info',
      'script@12 docker buildx build --push .',
    ]);
    expect(b.commands[0]?.origin).toBe('.setup');
    expect(b.build).toBe('buildx');
    expect(b.variables.IMG?.value).toBe('docker login -u "$U" --password-stdin < pw');
  });

  it('keeps names an include (or an including file) may define as notes, and leaves them out of the schema check', () => {
    const text = [
      'include: [{ local: templates.yml }]',
      'j:',
      '  extends: .remote',
      '  script:',
      '    - !reference [.remote, script]',
      '    - docker build .',
    ].join('\n');
    const { ci, problems } = read(text);
    expect(problems.map((p) => [p.kind, p.severity, p.pos.line])).toEqual([
      ['note', 'info', 5],
      ['note', 'info', 3],
      ['note', 'info', 1],
    ]);
    expect(job(ci as ImportedCi, 'j').commands.map((c) => c.pos.line)).toEqual([6]);
    expect(ciTree(ci as ImportedCi)?.incomplete.has('j')).toBe(true);
    const included = readGitlabCi({ path: 'ci/build.gitlab-ci.yml', content: text.split('\n').slice(1).join('\n') });
    expect(included.problems.map((p) => p.kind)).toEqual(['note', 'note']);
  });

  it('reports a !reference to nothing on its line', () => {
    const { problems } = read(['j:', '  script:', '    - !reference [.none, script]'].join('\n'));
    expect(problems.map((p) => [p.kind, p.pos.line])).toContainEqual(['schema', 3]);
  });

  it('places each command of a literal block on its own line, and folded blocks as YAML folds them', () => {
    const ci = ok(
      [
        'j:', // 1
        '  script:', // 2
        '    - |', // 3
        '      echo one', // 4
        '      docker build \\', // 5
        '        --tag x .', // 6
        '      echo two; echo three', // 7
        '    - >', // 8
        '      docker build', // 9
        '      --tag y', // 10
        '      .', // 11
        '', // 12
        '      echo folded', // 13
        '    - docker push x', // 14
        '      && echo plain-folded', // 15
      ].join('\n'),
    );
    const j = job(ci, 'j');
    expect(cmds(j)).toEqual([
      'script@4 echo one',
      'script@5 docker build --tag x .',
      'script@7 echo two',
      'script@7 echo three',
      'script@9 docker build --tag y .',
      'script@13 echo folded',
      'script@14 docker push x',
      'script@15 echo plain-folded',
    ]);
    expect(j.commands[4]?.text).toBe('docker build --tag y .\necho folded\n');
    const items = ciTree(ci)?.scriptItems ?? [];
    expect(items.map((i) => [i.style, i.pos.line])).toEqual([
      ['BLOCK_LITERAL', 3],
      ['BLOCK_FOLDED', 8],
      ['PLAIN', 14],
    ]);
  });

  it('splits PowerShell scripts of Windows jobs and looks through sh -c', () => {
    const ci = ok(
      [
        'win:',
        '  tags: [windows]',
        '  script:',
        '    - docker build -t "${env:IMG}" .; docker push "${env:IMG}"',
        'wrap:',
        '  script:',
        `    - sh -c 'docker login -u u -p "$P" && buildah bud -t x .'`,
      ].join('\n'),
    );
    expect(cmds(job(ci, 'win'))).toEqual(['script@4 docker build -t ${env:IMG} .', 'script@4 docker push ${env:IMG}']);
    const wrap = job(ci, 'wrap');
    expect(cmds(wrap).slice(1)).toEqual(['script@7 docker login -u u -p $P', 'script@7 buildah bud -t x .']);
    expect(wrap.build).toBe('buildah');
  });

  it('recognises each build tool', () => {
    const cases: [string, string | null, string | null][] = [
      ['docker build .', null, 'docker'],
      ['docker image build .', null, 'docker'],
      ['docker --host tcp://d:2376 build .', null, 'docker'],
      ['docker buildx build --push .', null, 'buildx'],
      ['docker buildx bake', null, 'buildx'],
      ['docker buildx create --use', null, null],
      ['buildctl --addr tcp://b:1234 build --frontend dockerfile.v0', null, 'buildctl'],
      ['buildctl-daemonless.sh build --frontend dockerfile.v0', null, 'buildctl'],
      ['buildah bud -t x .', null, 'buildah'],
      ['buildah --storage-driver=vfs build -t x .', null, 'buildah'],
      ['podman build -t x .', null, 'podman'],
      ['/kaniko/executor --context .', null, 'kaniko'],
      ['executor --context .', 'gcr.io/kaniko-project/executor:v1.23.2-debug', 'kaniko'],
      ['executor --context .', 'alpine', null],
      ['DOCKER_BUILDKIT=1 sudo docker build .', null, 'docker'],
      ['docker push x', null, null],
    ];
    for (const [line, image, tool] of cases) expect([line, buildToolOf(line.split(' '), image)]).toEqual([line, tool]);
  });

  it('splits shell words like the shell', () => {
    expect(splitShell(`a "b c" 'd e' f\\ g $(echo "x y") \`q r\` # c\nh && i || j`)).toEqual([
      { words: ['a', 'b c', 'd e', 'f g', '$(echo "x y")', '`q r`'], start: 0 },
      { words: ['h'], start: 43 },
      { words: ['i'], start: 48 },
      { words: ['j'], start: 53 },
    ]);
    expect(
      splitShell(`docker build . 2>&1 | tee log; cat < in >> out; echo "a>b" &>/dev/null`).map((c) => c.words),
    ).toEqual([['docker', 'build', '.'], ['tee', 'log'], ['cat'], ['echo', 'a>b']]);
    expect(splitShell(`if docker build .; then echo ok; fi`).map((c) => c.words)).toEqual([
      ['docker', 'build', '.'],
      ['echo', 'ok'],
    ]);
    expect(splitShell(`echo 'unterminated`).map((c) => c.words)).toEqual([['echo', 'unterminated']]);
    expect(splitPowerShell("docker login -u x `\n  --password-stdin; 'it''s'").map((c) => c.words)).toEqual([
      ['docker', 'login', '-u', 'x', '--password-stdin'],
      ["it's"],
    ]);
  });
});

describe('readGitlabCi: includes, problems, secrets', () => {
  it('records include entries with a note each, in English and Japanese', () => {
    const { ci, problems } = read(
      [
        'include:',
        '  - local: ci/build.yml',
        '  - template: Security/SAST.gitlab-ci.yml',
        '  - https://x.test/a.yml',
        'j:',
        '  script: [x]',
      ].join('\n'),
    );
    expect(ci?.includes.map((i) => [i.value, i.pos.line])).toEqual([
      ['local: ci/build.yml', 2],
      ['template: Security/SAST.gitlab-ci.yml', 3],
      ['https://x.test/a.yml', 4],
    ]);
    const notes = problems.filter((p) => p.kind === 'note');
    expect(notes.map((n) => n.pos.line)).toEqual([2, 3, 4]);
    expect(notes[0]?.message.en).toMatch(/named, not fetched: jobs it defines are not checked/);
    expect(notes[0]?.message.ja).toMatch(/取得しません/);
  });

  it('gives ci null and the parse problem on its line for tabs and syntax errors', () => {
    const tabs = read('j:\n\tscript: [x]\n');
    expect(tabs.ci).toBeNull();
    expect(tabs.problems.map((p) => [p.kind, p.pos.line])).toEqual([['parse', 2]]);
    const syntax = read('a:\n  script: [x]\nb:\n  script: [y\n');
    expect(syntax.ci).toBeNull();
    expect(syntax.problems[0]?.kind).toBe('parse');
    expect(syntax.problems[0]?.pos.line).toBeGreaterThanOrEqual(4);
    expect(read('').ci).toBeNull();
    expect(read('- a\n- b\n').problems.map((p) => p.kind)).toEqual(['parse']);
  });

  it('reports duplicate keys (Psych keeps the last) and schema errors on the key lines', () => {
    const { ci, problems } = read(
      [
        'build:', // 1
        '  image: docker:27.3.1', // 2
        '  image: docker:27.3.2', // 3
        '  script: [docker build .]', // 4
        '  scirpt: [x]', // 5
        '  when: sometimes', // 6
        '  cache:', // 7
        '    paths: a', // 8
      ].join('\n'),
    );
    expect(job(ci as ImportedCi, 'build').image?.value).toBe('docker:27.3.2');
    expect(problems.map((p) => [p.kind, p.pos.line]).sort()).toEqual([
      ['parse', 3],
      ['schema', 5],
      ['schema', 6],
      ['schema', 8],
    ]);
    const unknown = problems.find((p) => p.pos.line === 5);
    expect(unknown?.message.en).toContain('"build.scirpt"');
    expect(unknown?.message.ja).toContain('"build.scirpt"');
    expect(problems.find((p) => p.pos.line === 6)?.message.en).toMatch(/"build\.when" must be one of .*manual/);
    expect(problems.find((p) => p.pos.line === 8)?.message.en).toMatch(/"build\.cache\.paths" must be array/);
  });

  it('reports literal secrets masked, never their value; variable references are not secrets', () => {
    const token = 'glpat-Abcdefghij1234567890';
    const { problems } = read(
      [
        'variables:', // 1
        `  GL_TOKEN: "${token}"`, // 2
        '  SAFE: "$CI_JOB_TOKEN"', // 3
        '  URL: "https://gitlab-ci-token:${CI_JOB_TOKEN}@gitlab.example.com/a.git"', // 4
        '  URL2: "https://me:hunter22secret@gitlab.example.com/a.git"', // 5
        'j:', // 6
        '  variables:', // 7
        '    DOCKER_AUTH: { value: "dckr_pat_abcdefghijklmnopqrstuvwx" }', // 8
        '  script:', // 9
        `    - docker login -u me -p ${token} registry.example.com`, // 10
        `    - docker login -u me --password=ghp_abcdefghijklmnopqrstuvwxyz0123456789 r`, // 11
        '    - docker login -u me -p "$CI_REGISTRY_PASSWORD" r', // 12
      ].join('\n'),
    );
    const secrets = problems.filter((p) => p.kind === 'secret');
    expect(secrets.map((p) => p.pos.line)).toEqual([2, 5, 8, 10, 11]);
    for (const s of secrets) {
      expect(s.message.en).not.toContain(token);
      expect(s.message.ja).not.toContain('Abcdefghij');
      expect(s.message.en).toContain('…');
    }
    expect(secrets[0]?.message.en).toContain(maskSecret(token));
    expect(maskSecret(token)).toBe('glpa…');
  });

  it('gives lineOf for key paths as written, through aliases and merge keys', () => {
    const ci = ok(['.t: &t', '  image: docker:27.3.1', 'j:', '  <<: *t', '  script:', '    - a', '    - b'].join('\n'));
    expect(ci.lineOf(['j', 'script', 1])?.line).toBe(7);
    expect(ci.lineOf(['j', 'image'])?.line).toBe(2);
    expect(ci.lineOf(['j', 'nope'])).toBeNull();
  });
});

describe('readGitlabCi on every preset', () => {
  for (const preset of PRESETS)
    for (const lang of ['en', 'ja'] as const)
      it(`${preset.id} (${lang}): no parse or schema problem, the build job is recognised`, () => {
        const r = generate(preset.answers, { lang });
        const file = r.files.find((f) => f.path === '.gitlab-ci.yml');
        if (!file) throw new Error('no .gitlab-ci.yml');
        const { ci, problems } = readGitlabCi({ path: file.path, content: file.content });
        expect(problems.filter((p) => p.kind !== 'note')).toEqual([]);
        const tools = (ci?.jobs ?? []).filter((j) => !j.hidden && j.build).map((j) => j.build);
        expect(tools.length).toBeGreaterThan(0);
        const expected =
          preset.answers.method === 'buildah' || preset.answers.method === 'podman'
            ? preset.answers.method
            : preset.answers.method === 'buildkit-rootless' || preset.answers.method === 'buildctl'
              ? 'buildctl'
              : preset.answers.buildx
                ? 'buildx'
                : 'docker';
        expect(new Set(tools)).toEqual(new Set([expected]));
      });
});

describe('readGitlabCi never throws', () => {
  it('on damaged copies of the generated files (deterministic edits)', () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = [
      ' ',
      '\n',
      '\t',
      ':',
      '-',
      '&a',
      '*a',
      '<<: *a',
      '!reference [x, y]',
      '"',
      "'",
      '|',
      '>',
      '#',
      '{',
      '[',
      'extends: .x',
    ];
    const texts = PRESETS.slice(0, 12).map(
      (p) => generate(p.answers).files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '',
    );
    let parsed = 0;
    for (let i = 0; i < 300; i++) {
      let t = texts[i % texts.length] ?? '';
      for (let k = 0; k < 3; k++) {
        const at = rand(t.length + 1);
        t = rand(2)
          ? t.slice(0, at) + (alphabet[rand(alphabet.length)] ?? '') + t.slice(at)
          : t.slice(0, at) + t.slice(at + rand(20));
      }
      const { ci, problems } = readGitlabCi({ path: '.gitlab-ci.yml', content: t });
      for (const p of problems) {
        expect(p.pos.line).toBeGreaterThanOrEqual(1);
        expect(p.message.ja.length).toBeGreaterThan(0);
      }
      if (ci) parsed++;
      else expect(problems.some((p) => p.kind === 'parse')).toBe(true);
    }
    expect(parsed).toBeGreaterThan(0);
  });
});
