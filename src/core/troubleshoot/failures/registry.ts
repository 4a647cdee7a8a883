/**
 * Registries: pull limits, private CAs, credentials for login, push and pull, the Dependency Proxy.
 *
 * failures.md #6, #8, #10, #11, #29, #30 and registry-plain-http (#32, issue 13); FAILURES (catalog.ts) keeps them in the order of FAILURE_IDS.
 */
import { HOST_PORT, type Answers } from '../../answers';
import { msg } from '../../i18n';
import { isHosted, pushRegistry } from '../../vocabulary';
import { DEPENDENCY_PROXY_LOG } from '../log-patterns';
import type { Failure } from '../types';

/** The `host[:port]` of a mirror URL ('' when it does not parse). */
function mirrorHostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/**
 * The registries (lowercase `host[:port]`) these answers declare plain HTTP to the builder: `plainHttpRegistry`, an
 * http:// mirror.
 */
function plainHttpHosts(a: Answers): string[] {
  const hosts: string[] = [];
  if (a.plainHttpRegistry) hosts.push(a.plainHttpRegistry.toLowerCase());
  if (a.mirrorUrl.startsWith('http://')) hosts.push(mirrorHostOf(a.mirrorUrl).toLowerCase());
  return hosts;
}

/** The File-type CI/CD variable the CA fix names when the answers name none. */
const DEFAULT_CA_VAR = 'REGISTRY_CA_FILE';

/**
 * failures.md #6 dockerhub-rate-limit, #8 private-ca-x509, #10 protected-var-empty-login, #11 push-access-denied,
 * #29 docker-auth-config and #30 dependency-proxy-auth, in that order.
 */
export const REGISTRY_FAILURES: readonly Failure[] = [
  {
    id: 'dockerhub-rate-limit',
    n: 6,
    title: msg('Docker Hub pull rate limit', 'Docker Hubのpull回数制限'),
    cause: msg(
      "Anonymous Docker Hub pulls are limited per IPv4 address (or IPv6 /64), shared by every runner behind the same NAT. The limit also hits the pull of docker:dind itself, and the dind daemon does not use the runner host's mirror.",
      'Docker Hubの匿名pullはIPv4アドレス（またはIPv6の/64）ごとに制限され、同じNATの背後のすべてのRunnerで共有されます。docker:dind自体のpullも制限の対象で、dindデーモンはRunnerホストのミラーを使いません。',
    ),
    fixText: msg(
      'Pull through the GitLab Dependency Proxy (images and FROM ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/…), log in to Docker Hub in the job before building, or give the daemon a registry mirror (--registry-mirror on the dind service, or a daemon.json).',
      'GitLabの依存プロキシ経由でpullする（イメージとFROM ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/…）、ビルド前にジョブでDocker Hubにログインする、またはデーモンにレジストリミラーを設定します（dindサービスの--registry-mirror、またはdaemon.json）。',
    ),
    fix: {
      label: msg('Authenticate the pulls from Docker Hub', 'Docker Hubからのpullを認証付きにする'),
      questions: [
        {
          id: 'pull',
          text: msg('How should Docker Hub images be pulled?', 'Docker Hubのイメージをどうpullしますか？'),
          recommended: () => 'dependency-proxy',
          options: [
            {
              id: 'dependency-proxy',
              label: msg(
                'Through the GitLab Dependency Proxy (no extra credentials)',
                'GitLabの依存プロキシ経由（追加の認証情報は不要）',
              ),
              patch: () => ({ dependencyProxy: true }),
            },
            {
              id: 'hub-login',
              label: msg('Log in to Docker Hub with CI/CD variables', 'CI/CD変数でDocker Hubにログインする'),
              patch: () => ({ registryDockerHub: true }),
            },
          ],
        },
      ],
      outside: msg(
        'Dependency Proxy: the project must belong to a group with the Dependency Proxy enabled, and Dockerfiles should use FROM ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/image. Docker Hub login: create masked CI/CD variables DOCKER_HUB_USER and DOCKER_HUB_PASSWORD (an access token). A mirror URL can be set in the Network step.',
        '依存プロキシ: プロジェクトは依存プロキシが有効なグループに属している必要があり、DockerfileではFROM ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/imageを使います。Docker Hubへのログイン: マスクしたCI/CD変数DOCKER_HUB_USERとDOCKER_HUB_PASSWORD（アクセストークン）を作成します。ミラーのURLは「ネットワーク」の手順で設定できます。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/27171',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/27193',
      'https://github.com/docker/docs/pull/22081',
    ],
    recognisers: [
      { kw: ['toomanyrequests'], re: /toomanyrequests:/i },
      { kw: ['pull rate limit'], re: /You have reached your (?:unauthenticated )?pull rate limit/i },
      { kw: ['increase-rate-limit'], re: /docker\.com\/increase-rate-limit/i },
    ],
  },
  {
    id: 'private-ca-x509',
    n: 8,
    title: msg(
      'Registry certificate signed by an unknown authority',
      'レジストリの証明書が不明な認証局で署名されている',
    ),
    cause: msg(
      "The pull, push or login is made by the daemon or builder (dockerd inside dind, BuildKit, Buildah), which does not trust the private CA. The runner's tls-ca-file only covers the runner's own connection to GitLab.",
      'pull、push、ログインを行うのはデーモンやビルダー（dind内のdockerd、BuildKit、Buildah）であり、プライベートCAを信頼していません。Runnerのtls-ca-fileが対象とするのは、RunnerからGitLabへの接続だけです。',
    ),
    fixText: msg(
      'Give the CA to the component that talks to the registry: for dind, mount /etc/docker/certs.d (with certs.d/<host:port>/ca.crt) into the service through the runner volumes; for BuildKit, pass the CA file (SSL_CERT_FILE); for Buildah and Podman, /etc/containers/certs.d/<host:port>/ca.crt. --insecure-registry is a last resort only.',
      'レジストリと通信するコンポーネントにCAを渡します。dindでは、Runnerのvolumesで/etc/docker/certs.d（certs.d/<host:port>/ca.crtを含む）をサービスにマウントします。BuildKitではCAファイルを渡します（SSL_CERT_FILE）。BuildahとPodmanでは/etc/containers/certs.d/<host:port>/ca.crtを使います。--insecure-registryは最後の手段です。',
    ),
    fix: {
      label: msg('Trust the registry CA in the build', 'ビルドでレジストリのCAを信頼させる'),
      patch: (a, facts) => {
        const host =
          facts.host && HOST_PORT.test(facts.host)
            ? facts.host
            : a.customCaHost || (a.registryOther ? a.otherRegistryHost : 'registry.example.com');
        const patch: Partial<Answers> = { customCaVar: a.customCaVar || DEFAULT_CA_VAR, customCaHost: host };
        // The dind daemon of a GitLab-hosted runner cannot be given a CA: the rootless builder reads the job's file.
        if (isHosted(a) && a.method === 'dind') patch.method = 'buildkit-rootless';
        if (a.method === 'buildctl') patch.method = 'buildkit-rootless';
        return patch;
      },
      outside: msg(
        `Create a File-type CI/CD variable (${DEFAULT_CA_VAR} unless you named another) holding the CA certificate. For Docker-in-Docker or a host daemon, also put the CA at /etc/docker/certs.d/<host:port>/ca.crt on the runner host (SETUP.md shows where).`,
        `CA証明書を入れたファイル型のCI/CD変数（別の名前にしていなければ${DEFAULT_CA_VAR}）を作成します。Docker-in-Dockerやホストのデーモンでは、RunnerホストのCA証明書を/etc/docker/certs.d/<host:port>/ca.crtにも置きます（場所はSETUP.mdに記載）。`,
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/issues/1350',
      'https://gitlab.com/gitlab-org/gitlab-runner/issues/1842',
      'https://gitlab.com/gitlab-org/gitlab/-/issues/21229',
    ],
    recognisers: [
      {
        kw: ['x509: certificate signed by unknown authority'],
        re: /x509: certificate signed by unknown authority/i,
        facts: /https:\/\/(?<host>[A-Za-z0-9.-]+(?::\d{1,5})?)\//,
      },
    ],
  },
  {
    id: 'protected-var-empty-login',
    n: 10,
    title: msg(
      'Registry login with empty (protected) variables',
      '空の（保護された）変数でレジストリにログインしている',
    ),
    cause: msg(
      'The registry credentials are Protected (or environment-scoped) CI/CD variables: on unprotected branches they are empty, so docker login asks for a password on a terminal the job does not have.',
      'レジストリの認証情報が保護された（または環境スコープ付きの）CI/CD変数です。保護されていないブランチでは空になるため、docker loginがジョブにはない端末でパスワードを求めます。',
    ),
    fixText: msg(
      'Run the jobs that log in with protected variables only on protected refs (rules: if: $CI_COMMIT_REF_PROTECTED == "true"), or push to the GitLab registry with the predefined CI_REGISTRY_USER / CI_REGISTRY_PASSWORD (the job token). Always pass the password with --password-stdin.',
      '保護された変数でログインするジョブは、保護されたrefでのみ実行します（rules: if: $CI_COMMIT_REF_PROTECTED == "true"）。または、定義済みのCI_REGISTRY_USER / CI_REGISTRY_PASSWORD（ジョブトークン）でGitLabレジストリにプッシュします。パスワードは常に--password-stdinで渡します。',
    ),
    fix: {
      label: msg('Log in only where the credentials exist', '認証情報が存在する場合にだけログインする'),
      questions: [
        {
          id: 'scope',
          text: msg('How should the job get registry credentials?', 'ジョブはレジストリの認証情報をどう取得しますか？'),
          recommended: (a) => (a.registryDockerHub || a.registryOther ? 'protected-only' : 'gitlab-registry'),
          options: [
            {
              id: 'protected-only',
              label: msg(
                'Keep the protected variables; run those jobs on protected branches and tags only',
                '保護された変数のまま、そのジョブは保護されたブランチとタグでのみ実行する',
              ),
              patch: () => ({ protectedOnly: true, passwordStdin: true }),
              available: (a) => a.registryDockerHub || a.registryOther,
            },
            {
              id: 'gitlab-registry',
              label: msg(
                'Push to the GitLab registry with the job token (predefined CI_REGISTRY_* variables)',
                'ジョブトークン（定義済みのCI_REGISTRY_*変数）でGitLabレジストリにプッシュする',
              ),
              patch: () => ({
                image: '$CI_REGISTRY_IMAGE',
                registryGitlab: true,
                registryDockerHub: false,
                registryOther: false,
                authMethod: 'login',
                passwordStdin: true,
              }),
            },
          ],
        },
      ],
      outside: msg(
        'Or, in Settings > CI/CD > Variables, clear "Protect variable" (and the environment scope) on the registry variables if every branch may push.',
        'または、すべてのブランチがプッシュしてよい場合は、「設定 > CI/CD > 変数」でレジストリの変数の「変数の保護」（と環境スコープ）を外します。',
      ),
    },
    sources: [
      'https://github.com/JanMikes/gitlab-ci-push-to-gcr/issues/2',
      'https://github.com/GoogleContainerTools/kaniko/issues/702',
    ],
    recognisers: [
      {
        kw: ['interactive login from a non tty device'],
        re: /Cannot perform an interactive login from a non TTY device/i,
      },
      {
        kw: ['error checking push permissions'],
        re: /error checking push permissions.{0,600}UNAUTHORIZED/i,
      },
      // The generated jobs' own early check (requiredVariableCheck in gitlab-ci.generator.ts), in both languages.
      {
        kw: ['settings > ci/cd > variables', '設定 > ci/cd > 変数'],
        re: /^(?<variable>[A-Za-z_][A-Za-z0-9_]*) ?(?:is not set|is not a file|が設定されていません|がファイルではありません)[.。]/,
      },
    ],
  },
  {
    id: 'push-access-denied',
    n: 11,
    title: msg('Push denied by the registry', 'レジストリがプッシュを拒否した'),
    cause: msg(
      'The tag is not under $CI_REGISTRY_IMAGE (another namespace, or a bare name that resolves to docker.io), or the job logged in to a different host than the one it pushes to.',
      'タグが$CI_REGISTRY_IMAGEの下にない（別の名前空間、またはdocker.ioと解釈される名前だけのタグ）か、ジョブがプッシュ先とは別のホストにログインしています。',
    ),
    fixText: msg(
      'Tag "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" and log in to "$CI_REGISTRY" with CI_REGISTRY_USER / CI_REGISTRY_PASSWORD. For a push to another project, use a deploy token with write_registry.',
      '"$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA"でタグ付けし、CI_REGISTRY_USER / CI_REGISTRY_PASSWORDで"$CI_REGISTRY"にログインします。別のプロジェクトへプッシュする場合は、write_registry権限のデプロイトークンを使います。',
    ),
    fix: {
      label: msg('Push to a registry the job is logged in to', 'ジョブがログインしているレジストリへプッシュする'),
      questions: [
        {
          id: 'target',
          text: msg('Where should the image be pushed?', 'イメージのプッシュ先は？'),
          recommended: () => 'gitlab',
          options: [
            {
              id: 'gitlab',
              label: msg(
                "This project's GitLab registry ($CI_REGISTRY_IMAGE)",
                'このプロジェクトのGitLabレジストリ（$CI_REGISTRY_IMAGE）',
              ),
              patch: () => ({ image: '$CI_REGISTRY_IMAGE', registryGitlab: true, push: true }),
            },
            {
              id: 'keep',
              label: msg(
                'Keep the image name and log in to its registry',
                'イメージ名はそのままで、そのレジストリにログインする',
              ),
              patch: (a) => {
                const to = pushRegistry(a);
                if (to === 'dockerhub') return { registryDockerHub: true, authMethod: 'login' };
                if (to === 'other') return { registryOther: true, authMethod: 'login' };
                if (to === 'gitlab') return { registryGitlab: true, authMethod: 'login' };
                return { image: '$CI_REGISTRY_IMAGE', registryGitlab: true };
              },
            },
          ],
        },
      ],
      outside: msg(
        "Check that the project's container registry is enabled and that the user running the pipeline has at least the Developer role. For another project, create a deploy token with write_registry and store it in masked CI/CD variables.",
        'プロジェクトのコンテナレジストリが有効で、パイプラインを実行するユーザーがDeveloper以上のロールを持つことを確認します。別のプロジェクトへは、write_registry権限のデプロイトークンを作成し、マスクしたCI/CD変数に保存します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab/-/issues/3216',
      'https://gitlab.com/gitlab-org/gitlab-foss/issues/42463',
    ],
    recognisers: [
      {
        kw: ['requested access to the resource is denied'],
        re: /denied: requested access to the resource is denied/i,
        unless: /pull access denied/i,
      },
      { kw: ['http basic: access denied'], re: /unauthorized: HTTP Basic: Access denied/i },
      { kw: ['denied: access forbidden'], re: /denied: access forbidden/i },
    ],
  },
  {
    id: 'docker-auth-config',
    n: 29,
    title: msg('The runner cannot pull a private image', 'Runnerがプライベートイメージをpullできない'),
    cause: msg(
      'DOCKER_AUTH_CONFIG is missing or malformed, its key does not match the image host and port exactly, or it is a protected variable. docker login in script does not help the runner pull job or service images.',
      'DOCKER_AUTH_CONFIGがない、形式が誤っている、キーがイメージのホストとポートに完全には一致していない、または保護された変数です。script内のdocker loginは、Runnerによるジョブやサービスのイメージのpullには効きません。',
    ),
    fixText: msg(
      'Define DOCKER_AUTH_CONFIG = {"auths":{"registry.example.com:5050":{"auth":"<base64 user:token>"}}} as a CI/CD variable, or in config.toml with environment = ["DOCKER_AUTH_CONFIG=…"].',
      'CI/CD変数としてDOCKER_AUTH_CONFIG = {"auths":{"registry.example.com:5050":{"auth":"<user:tokenのbase64>"}}}を定義するか、config.tomlでenvironment = ["DOCKER_AUTH_CONFIG=…"]を設定します。',
    ),
    fix: {
      label: msg(
        'Authenticate with DOCKER_AUTH_CONFIG (read by the runner too)',
        'DOCKER_AUTH_CONFIGで認証する（Runnerも読み取る）',
      ),
      patch: () => ({ authMethod: 'docker-auth-config', authConfigVar: 'DOCKER_AUTH_CONFIG' }),
      outside: msg(
        'Create the CI/CD variable DOCKER_AUTH_CONFIG (masked where possible, not protected unless the jobs run only on protected refs); its key must be the image host with its port exactly, and "auth" is base64 of user:token.',
        'CI/CD変数DOCKER_AUTH_CONFIGを作成します（可能ならマスクし、保護されたrefでのみ実行する場合を除き保護しない）。キーはイメージのホストとポートに完全に一致させ、"auth"はuser:tokenのbase64にします。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/issues/2066',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/26832',
      'https://gitlab.com/gitlab-org/gitlab/-/issues/461545',
    ],
    recognisers: [
      {
        kw: ['pull access denied'],
        re: /pull access denied for (?<image>[^\s,]+), repository does not exist or may require/i,
      },
      { kw: ['no basic auth credentials'], re: /no basic auth credentials/i },
      {
        kw: ['image pull failed'],
        re: /image pull failed:.{0,600}(?:401 Unauthorized|unauthorized|authorization failed)/i,
      },
    ],
  },
  {
    id: 'dependency-proxy-auth',
    n: 30,
    title: msg('Dependency Proxy pull not authorized', '依存プロキシからのpullが認可されない'),
    cause: msg(
      'The daemon that reads the FROM lines is not logged in to the Dependency Proxy, or the user who triggered the pipeline is not a member of the group.',
      'FROM行を読むデーモンが依存プロキシにログインしていないか、パイプラインを起動したユーザーがグループのメンバーではありません。',
    ),
    fixText: msg(
      'Log in before building: echo "$CI_DEPENDENCY_PROXY_PASSWORD" | docker login -u "$CI_DEPENDENCY_PROXY_USER" --password-stdin "$CI_DEPENDENCY_PROXY_SERVER".',
      'ビルドの前にログインします: echo "$CI_DEPENDENCY_PROXY_PASSWORD" | docker login -u "$CI_DEPENDENCY_PROXY_USER" --password-stdin "$CI_DEPENDENCY_PROXY_SERVER"。',
    ),
    fix: {
      label: msg('Log in to the Dependency Proxy in the job', 'ジョブで依存プロキシにログインする'),
      patch: () => ({ dependencyProxy: true }),
      outside: msg(
        'The project must belong to a group with the Dependency Proxy enabled (Settings > Packages and registries), and the user who runs the pipeline must be a member of that group.',
        'プロジェクトは依存プロキシが有効なグループに属している必要があり（「設定 > パッケージとレジストリ」）、パイプラインを実行するユーザーはそのグループのメンバーである必要があります。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab/-/issues/354826',
      'https://gitlab.com/gitlab-org/gitlab/-/issues/349341',
    ],
    recognisers: [
      {
        kw: ['dependency_proxy'],
        re: /dependency_proxy\/containers.{0,600}(?:unauthorized|authentication required|manifest unknown|not found|forbidden|denied)/i,
      },
      {
        kw: ['dependency_proxy'],
        re: /(?:unauthorized|authentication required|manifest unknown|not found|forbidden|denied).{0,600}dependency_proxy\/containers/i,
      },
      {
        kw: ['unauthorized: authentication required'],
        re: /unauthorized: authentication required/i,
        unless: /push|requested access/i,
        context: DEPENDENCY_PROXY_LOG,
      },
    ],
  },
  {
    id: 'registry-plain-http',
    n: 41,
    title: msg('The registry speaks plain HTTP', 'レジストリが平文HTTPで応答する'),
    cause: msg(
      'Docker, BuildKit, Buildah and Podman talk to every registry over HTTPS unless it is declared insecure. This registry answers in plain HTTP, so the login, pull or push fails with "server gave HTTP response to HTTPS client" (on any host and port, not only the Docker daemon ports).',
      'Docker、BuildKit、Buildah、Podmanは、安全でないと宣言されたレジストリ以外とはHTTPSで通信します。このレジストリは平文HTTPで応答するため、ログイン、pull、pushが「server gave HTTP response to HTTPS client」で失敗します（Dockerデーモンのポートに限らず、どのホストやポートでも起きます）。',
    ),
    fixText: msg(
      'Best: serve the registry over TLS with a certificate from a private CA and give the CA to the builder. Otherwise declare the registry insecure to the builder that talks to it: dind gets --insecure-registry=<host:port> in the service command (or insecure-registries in daemon.json), a host daemon insecure-registries in its daemon.json, BuildKit [registry."<host:port>"] http = true in buildkitd.toml, Buildah and Podman a registries.conf [[registry]] with insecure = true (or --tls-verify=false on the command).',
      '最善策は、プライベートCAの証明書でレジストリをTLS化し、そのCAをビルダーに渡すことです。そうでなければ、レジストリと通信するビルダーにそのレジストリを安全でないものとして宣言します。dindはサービスのcommandに--insecure-registry=<host:port>（またはdaemon.jsonのinsecure-registries）、ホストのデーモンはdaemon.jsonのinsecure-registries、BuildKitはbuildkitd.tomlの[registry."<host:port>"] http = true、BuildahとPodmanはregistries.confの[[registry]]でinsecure = true（またはコマンドの--tls-verify=false）を使います。',
    ),
    fix: {
      label: msg(
        'Declare the registry plain HTTP to the builder (a high finding until it has TLS)',
        'レジストリを平文HTTPとしてビルダーに宣言する（TLS化するまで重大度高の指摘が残ります）',
      ),
      patch: (a, facts) => {
        const host =
          facts.host && HOST_PORT.test(facts.host)
            ? facts.host
            : a.plainHttpRegistry || (a.registryOther ? a.otherRegistryHost : '');
        if (!host) return {};
        // A mirror given as https:// that answers in HTTP: the existing http:// mirror code declares it.
        if (a.mirrorUrl.startsWith('https://') && mirrorHostOf(a.mirrorUrl).toLowerCase() === host.toLowerCase())
          return { mirrorUrl: a.mirrorUrl.replace(/^https:/, 'http:') };
        const patch: Partial<Answers> = { plainHttpRegistry: host };
        // buildkitd in a service container cannot read the job's buildkitd.toml.
        if (a.method === 'buildctl') patch.method = 'buildkit-rootless';
        return patch;
      },
      outside: msg(
        "Prefer TLS: give the registry a certificate from a private CA, then set the CA instead (TLS step) and clear the plain-HTTP registry. If the runner itself pulls job or service images from it, also add it to insecure-registries in the runner host's /etc/docker/daemon.json (containerd's registry configuration on Kubernetes nodes) and restart the daemon.",
        'TLSを推奨します。プライベートCAの証明書をレジストリに設定し、平文HTTPのレジストリを解除してCAを設定します（TLSの手順）。Runner自身がそこからジョブやサービスのイメージをpullする場合は、Runnerホストの/etc/docker/daemon.json（Kubernetesのノードではcontainerdのレジストリ設定）のinsecure-registriesにも追加し、デーモンを再起動します。',
      ),
    },
    sources: [
      'https://github.com/distribution/distribution/issues/1874',
      'https://github.com/docker-library/docker/issues/130',
      'https://github.com/docker/login-action/issues/53',
      'https://docs.docker.com/reference/cli/dockerd/#insecure-registries',
      'https://github.com/moby/buildkit/blob/master/docs/buildkitd.toml.md',
    ],
    recognisers: [
      {
        kw: ['server gave http response to https client'],
        re: /server gave HTTP response to HTTPS client/i,
        facts: /https:\/\/(?<host>[A-Za-z0-9.-]+(?::\d{1,5})?)\//,
        // The Docker client speaking TLS to a dind port without it is dind-tls-port-mismatch.
        unless: /:(?:2375|2376)\/[^\s"]{0,200}"?: http: server gave HTTP response/i,
      },
    ],
    // The cause remains while the registry the log named (or, unnamed, any) is not declared plain HTTP.
    holds: (a, facts) =>
      facts.host ? !plainHttpHosts(a).includes(facts.host.toLowerCase()) : plainHttpHosts(a).length === 0,
  },
];
