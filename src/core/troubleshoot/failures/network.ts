/**
 * The network inside Docker-in-Docker: MTU, proxies, public DNS.
 *
 * failures.md #24, #26, #27; FAILURES (catalog.ts) keeps them in the order of FAILURE_IDS.
 */
import { msg } from '../../i18n';
import { isHosted } from '../../vocabulary';
import { daemonlessBuilder } from '../fix-helpers';
import { BUILDKIT_LOG, DIND_LOG, PUBLIC_DNS, LOOKUP_FAILED, RESOLVER } from '../log-patterns';
import type { Failure } from '../types';

/** failures.md #24 dind-mtu-hang, #26 dind-proxy and #27 per-build-network-dns, in that order. */
export const NETWORK_FAILURES: readonly Failure[] = [
  {
    id: 'dind-mtu-hang',
    n: 24,
    title: msg(
      'Downloads hang inside docker build (MTU too large)',
      'docker build内のダウンロードが止まる（MTUが大きすぎる）',
    ),
    cause: msg(
      "The bridge of the inner dockerd defaults to an MTU of 1500, larger than the outer network's (Kubernetes VXLAN about 1450, GitLab.com small hosted runners 1360 since May 2026): large packets are dropped, TLS handshakes time out and RUN steps hang.",
      '内側のdockerdのブリッジはデフォルトでMTU 1500ですが、外側のネットワーク（KubernetesのVXLANは約1450、GitLab.comの小型ホストRunnerは2026年5月以降1360）より大きいため、大きなパケットが破棄され、TLSハンドシェイクがタイムアウトし、RUNステップが止まります。',
    ),
    fixText: msg(
      'Start dind with an MTU no larger than the outer one: services: [{name: docker:29-dind, command: ["--mtu=1360"]}].',
      '外側以下のMTUでdindを起動します: services: [{name: docker:29-dind, command: ["--mtu=1360"]}]。',
    ),
    fix: {
      label: msg('Set the MTU of the dind daemon', 'dindデーモンのMTUを設定する'),
      questions: [
        {
          id: 'mtu',
          text: msg('MTU of the network the runner is on?', 'RunnerがつながるネットワークのMTUは？'),
          recommended: (a) => (isHosted(a) ? '1360' : '1450'),
          options: [
            {
              id: '1450',
              label: msg('1450 (Kubernetes VXLAN, most clouds)', '1450（KubernetesのVXLAN、多くのクラウド）'),
              patch: () => ({ mtu: 1450 }),
            },
            {
              id: '1360',
              label: msg('1360 (GitLab.com hosted runners, VPNs)', '1360（GitLab.comのホストRunner、VPN）'),
              patch: () => ({ mtu: 1360 }),
            },
          ],
        },
      ],
      outside: msg(
        'The outer MTU is shown by `cat /sys/class/net/eth0/mtu` in a job (or `ip link` on the host); the dind value must not be larger.',
        '外側のMTUはジョブ内の`cat /sys/class/net/eth0/mtu`（またはホストの`ip link`）で確認できます。dindの値はそれより大きくしてはいけません。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/merge_requests/6737',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/merge_requests/3229',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/25380',
    ],
    recognisers: [
      { kw: ['tls handshake timeout'], re: /net\/http: TLS handshake timeout/i },
      { kw: ['ssl_error_syscall'], re: /SSL_ERROR_SYSCALL/ },
      {
        kw: ['execution took longer than'],
        re: /Job failed: execution took longer than (?<timeout>[\dhms.]+)/i,
        context: DIND_LOG,
        unlessContext: BUILDKIT_LOG,
      },
    ],
  },
  {
    id: 'dind-proxy',
    n: 26,
    title: msg(
      'The proxy does not reach the dind daemon or the build',
      'プロキシ設定がdindデーモンやビルドに届いていない',
    ),
    cause: msg(
      "The host daemon's proxy configuration does not reach the dind daemon or the build containers: pulls cannot resolve or reach registries, and RUN steps cannot download anything.",
      'ホストのデーモンのプロキシ設定は、dindデーモンにもビルドコンテナにも届きません。pullでレジストリの名前解決や接続ができず、RUNステップは何もダウンロードできません。',
    ),
    fixText: msg(
      'Set job variables HTTP_PROXY, HTTPS_PROXY and NO_PROXY: "docker,localhost,127.0.0.1,<internal>" (variables reach services too; docker in NO_PROXY keeps the daemon connection direct), and pass them to the build: `docker build --build-arg HTTP_PROXY --build-arg HTTPS_PROXY --build-arg NO_PROXY`.',
      'ジョブの変数HTTP_PROXY、HTTPS_PROXY、NO_PROXY: "docker,localhost,127.0.0.1,<内部ホスト>"を設定し（変数はサービスにも渡ります。NO_PROXYにdockerを入れるとデーモンへの接続は直接になります）、ビルドにも渡します: `docker build --build-arg HTTP_PROXY --build-arg HTTPS_PROXY --build-arg NO_PROXY`。',
    ),
    fix: {
      label: msg('Pass the proxy to the daemon and the build', 'プロキシをデーモンとビルドに渡す'),
      patch: (a) => (a.proxy === 'none' ? { proxy: 'job' } : {}),
      outside: msg(
        'Define HTTP_PROXY and HTTPS_PROXY as CI/CD variables of the project or group (or type the proxy URLs in the Network step); a proxy with credentials belongs in a masked variable.',
        'HTTP_PROXYとHTTPS_PROXYをプロジェクトまたはグループのCI/CD変数として定義します（または「ネットワーク」の手順でプロキシのURLを入力します）。認証情報付きのプロキシはマスクした変数に入れます。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/issues/3763',
      'https://github.com/docker-library/docker/issues/140',
    ],
    recognisers: [
      {
        kw: ['lookup '],
        re: new RegExp(String.raw`lookup (?<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)${RESOLVER}: ${LOOKUP_FAILED}`),
        unless: PUBLIC_DNS,
      },
      {
        kw: ['dial tcp'],
        re: /dial tcp (?<addr>[0-9A-Fa-f.:[\]]{3,45}):443: (?:i\/o timeout|connect: connection timed out|connect: network is unreachable)/,
      },
      { kw: ['temporary failure resolving'], re: /Temporary failure resolving '(?<host>[^']+)'/ },
      {
        kw: ['could not resolve host'],
        re: /Could not resolve host: (?<host>[A-Za-z0-9-]+\.[A-Za-z0-9.-]+)/,
      },
      { kw: ['getaddrinfo'], re: /getaddrinfo (?:ENOTFOUND|EAI_AGAIN) (?<host>[A-Za-z0-9-]+\.[A-Za-z0-9.-]+)/ },
    ],
  },
  {
    id: 'per-build-network-dns',
    n: 27,
    title: msg('Containers inside dind use public DNS (8.8.8.8)', 'dind内のコンテナが公開DNS（8.8.8.8）を使っている'),
    cause: msg(
      'With FF_NETWORK_PER_BUILD, containers inside dind fall back to the DNS servers 8.8.8.8 and 8.8.4.4, which corporate networks block. Unix-socket errors have also been reported with this flag.',
      'FF_NETWORK_PER_BUILDを使うと、dind内のコンテナがDNSサーバー8.8.8.8と8.8.4.4にフォールバックしますが、企業ネットワークではこれらがブロックされています。このフラグではUnixソケットのエラーも報告されています。',
    ),
    fixText: msg(
      'Give the dind daemon the internal resolver: command: ["--dns", "<internal-resolver>"] on the service, or build without a nested daemon.',
      'dindデーモンに内部のDNSサーバーを指定します（サービスのcommand: ["--dns", "<内部DNSサーバー>"]）。または入れ子のデーモンなしでビルドします。',
    ),
    fix: {
      label: msg('Build without a nested daemon', '入れ子のデーモンなしでビルドする'),
      questions: [
        daemonlessBuilder(
          msg(
            'The generated files cannot set --dns on the dind service yet. Build with:',
            '生成するファイルは、まだdindサービスに--dnsを設定できません。ビルド方法は：',
          ),
          msg("Rootless BuildKit (uses the job's resolver)", 'ルートレスBuildKit（ジョブのDNS設定を使う）'),
          msg("Buildah (uses the job's resolver)", 'Buildah（ジョブのDNS設定を使う）'),
        ),
      ],
      outside: msg(
        'To keep Docker-in-Docker, add command: ["--dns", "<internal-resolver>"] to the dind service by hand, or turn FF_NETWORK_PER_BUILD off for this runner.',
        'Docker-in-Dockerを続ける場合は、dindサービスにcommand: ["--dns", "<内部DNSサーバー>"]を手作業で追加するか、このRunnerでFF_NETWORK_PER_BUILDを無効にします。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/work_items/27867',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/30944',
    ],
    recognisers: [
      {
        kw: ['8.8.'],
        re: new RegExp(
          String.raw`lookup (?<host>[^\s:]+) on (?<dns>8\.8\.(?:8\.8|4\.4)):53: (?:read udp \S+: )?${LOOKUP_FAILED}`,
        ),
      },
      {
        kw: ['dial udp 8.8.'],
        re: /dial udp (?<dns>8\.8\.(?:8\.8|4\.4)):53: (?:i\/o timeout|connect: network is unreachable|connection refused)/,
      },
    ],
  },
];
