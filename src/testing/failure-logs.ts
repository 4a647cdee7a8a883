/**
 * Log fixtures for the troubleshooter. For every failure of failures.md: the log text failures.md gives (first
 * sample) and variants seen with other Docker, BuildKit and runner releases, hosts, ports and paths, each inside a
 * realistic job (see job-logs.ts). `needle` is a fragment of the line the failure must be recognised on; `also`
 * lists other failures the same log rightly shows (a dind that did not start also leaves "no such host").
 *
 * CLEAN_LOGS are successful builds that mention docker, certs, TLS, x509, denied, timeouts and proxies in harmless
 * ways: no failure may be recognised in them.
 */
import type { Facts, FailureId } from '../core/troubleshoot';
import type { JobLogOptions } from './job-logs';

type Job = Omit<JobLogOptions, 'timestamps' | 'ansi' | 'crlf' | 'seed'>;

export interface FailureSample {
  name: string;
  job: Job;
  needle: string;
  also?: FailureId[];
  facts?: Facts;
}

const DOCKER_INFO_CLIENT = [
  'Client:',
  ' Version:    29.7.2',
  ' Context:    default',
  ' Debug Mode: false',
  ' Plugins:',
  '  buildx: Docker Buildx (Docker Inc.)',
  '    Version:  v0.29.1',
  '    Path:     /usr/local/libexec/docker/cli-plugins/docker-buildx',
  '  compose: Docker Compose (Docker Inc.)',
  '    Version:  v2.40.3',
  '',
  'Server:',
];

const dind = (over: Partial<Job> & { out: string[]; run?: string }): Job => ({
  executor: 'docker',
  image: 'docker:29.7.2-cli',
  services: ['docker:29.7.2-dind'],
  result: 'failed',
  ...over,
  steps: over.steps ?? [{ run: over.run ?? 'docker info', out: over.out }],
});

const SERVICE_NOT_STARTED = (svc: string, logs: string[]): string[] => [
  `*** WARNING: Service ${svc} probably didn't start properly.`,
  '',
  'Health check error:',
  `service "${svc}-wait-for-service" timeout`,
  '',
  'Health check container logs:',
  '',
  'Service container logs:',
  ...logs,
  '',
  '*********',
  '',
];

const BUILD_STEPS = (out: string[]): Job['steps'] => [
  {
    run: 'docker info',
    out: [...DOCKER_INFO_CLIENT, ' Containers: 0', ' Server Version: 29.7.2', ' Storage Driver: overlay2'],
  },
  {
    run: 'echo "$CI_REGISTRY_PASSWORD" | docker login "$CI_REGISTRY" --username "$CI_REGISTRY_USER" --password-stdin',
    out: ['', 'Login Succeeded'],
  },
  { run: 'docker build --tag "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .', out },
];

const KANIKO_JOB = (image: string, out: string[], executor: Job['executor'] = 'docker'): Job => ({
  executor,
  image,
  result: 'failed',
  steps: [
    {
      run: 'echo "{\\"auths\\":{\\"${CI_REGISTRY}\\":{\\"auth\\":\\"$(printf "%s:%s" "${CI_REGISTRY_USER}" "${CI_REGISTRY_PASSWORD}" | base64 | tr -d \'\\n\')\\"}}}" > /kaniko/.docker/config.json',
    },
    {
      run: '/kaniko/executor --context "${CI_PROJECT_DIR}" --dockerfile "${CI_PROJECT_DIR}/Dockerfile" --destination "${CI_REGISTRY_IMAGE}:${CI_COMMIT_TAG}"',
      out,
    },
  ],
});

export const FAILURE_SAMPLES: Record<FailureId, FailureSample[]> = {
  'dind-tls-port-mismatch': [
    {
      name: 'failures.md text (docker:dind with TLS, client on 2375)',
      job: dind({
        image: 'docker:24.0.7',
        services: ['docker:24.0.7-dind'],
        out: [
          ...DOCKER_INFO_CLIENT,
          'ERROR: Cannot connect to the Docker daemon at tcp://docker:2375. Is the docker daemon running?',
          'errors pretty printing info',
        ],
      }),
      needle: 'Cannot connect to the Docker daemon at tcp://docker:2375',
      facts: { host: 'docker', port: '2375' },
    },
    {
      name: 'Docker 28+ wording, alias dind, port 2376 refused',
      job: dind({
        out: [
          ...DOCKER_INFO_CLIENT,
          'failed to connect to the docker API at tcp://dind:2376; check if the path is correct and if the daemon is running: dial tcp 172.17.0.3:2376: connect: connection refused',
        ],
      }),
      needle: 'failed to connect to the docker API at tcp://dind:2376',
      facts: { host: 'dind', port: '2376' },
    },
    {
      name: 'plain HTTP to the TLS port (DOCKER_TLS_VERIFY unset)',
      job: dind({
        run: 'docker build -t "$CI_REGISTRY_IMAGE" .',
        out: ['Error response from daemon: Client sent an HTTP request to an HTTPS server.'],
      }),
      needle: 'Client sent an HTTP request to an HTTPS server',
    },
    {
      name: 'certificates never reach the job (Docker executor without /certs/client)',
      job: dind({ out: ['unable to resolve docker endpoint: open /certs/client/ca.pem: no such file or directory'] }),
      needle: 'open /certs/client/ca.pem: no such file or directory',
    },
  ],
  'dind-not-privileged': [
    {
      name: 'failures.md text (runner privileged = false)',
      job: dind({
        serviceNotes: SERVICE_NOT_STARTED('runner-t3abcdef-project-42-concurrent-0-docker-0', [
          '2026-11-20T10:11:14.582017052Z mount: permission denied (are you root?)',
          '2026-11-20T10:11:14.582061372Z Could not mount /sys/kernel/security.',
          '2026-11-20T10:11:14.582066512Z AppArmor detection and --privileged mode might break.',
        ]),
        out: [
          ...DOCKER_INFO_CLIENT,
          'error during connect: Get "http://docker:2375/v1.47/info": dial tcp: lookup docker on 10.0.0.2:53: no such host',
        ],
      }),
      needle: 'mount: permission denied (are you root?)',
      also: ['dind-startup-healthcheck', 'dind-hostname-unresolved'],
    },
    {
      name: 'dind 27+: iptables needs root',
      job: dind({
        services: ['docker:27.5.1-dind'],
        image: 'docker:27.5.1-cli',
        serviceNotes: SERVICE_NOT_STARTED('runner-9zz8yy7x-project-1337-concurrent-2-docker-0', [
          'time="2026-11-20T10:11:15.017Z" level=info msg="Starting up"',
          'failed to start daemon: Error initializing network controller: error obtaining controller instance: failed to register "bridge" driver: failed to create NAT chain DOCKER: iptables failed: iptables -t nat -N DOCKER: iptables v1.8.10 (legacy): can\'t initialize iptables table `nat\': Permission denied (you must be root)',
        ]),
        out: [
          ...DOCKER_INFO_CLIENT,
          'Cannot connect to the Docker daemon at tcp://docker:2376. Is the docker daemon running?',
        ],
      }),
      needle: "can't initialize iptables table `nat': Permission denied (you must be root)",
      also: ['dind-startup-healthcheck', 'dind-tls-port-mismatch'],
    },
    {
      name: 'Kubernetes pod without privileged',
      job: {
        executor: 'kubernetes',
        image: 'docker:26.1.4',
        services: ['docker:26.1.4-dind'],
        result: 'failed',
        serviceNotes: ['mount: permission denied (are you root?)', 'Could not mount /sys/kernel/security.'],
        steps: [{ run: 'docker version', out: ['Client: Docker Engine - Community', ' Version:           26.1.4'] }],
      },
      needle: 'Could not mount /sys/kernel/security',
    },
  ],
  'socket-permission-denied': [
    {
      name: 'failures.md text (shell executor)',
      job: {
        executor: 'shell',
        result: 'failed',
        steps: [
          {
            run: 'docker build -t my-app .',
            out: [
              'Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/info": dial unix /var/run/docker.sock: connect: permission denied',
            ],
          },
        ],
      },
      needle: 'Got permission denied while trying to connect to the Docker daemon socket',
      facts: { socket: 'unix:///var/run/docker.sock' },
    },
    {
      name: 'Docker 28+ wording ("docker API")',
      job: {
        executor: 'shell',
        runnerVersion: '18.2.0',
        result: 'failed',
        steps: [
          {
            run: 'docker info',
            out: ['permission denied while trying to connect to the docker API at unix:///var/run/docker.sock'],
          },
        ],
      },
      needle: 'permission denied while trying to connect to the docker API',
    },
    {
      name: 'socket binding with a non-root image, other socket path',
      job: {
        executor: 'docker',
        image: 'registry.example.com/tools/docker-builder:3.1',
        result: 'failed',
        steps: [
          {
            run: 'docker buildx build --push -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
            out: [
              'ERROR: Post "http://%2Frun%2Fdocker.sock/v1.41/build?buildargs=%7B%7D": dial unix /run/docker.sock: connect: permission denied',
            ],
          },
        ],
      },
      needle: 'dial unix /run/docker.sock: connect: permission denied',
    },
  ],
  'no-daemon-reachable': [
    {
      name: 'failures.md text (no service, no socket)',
      job: {
        executor: 'docker',
        image: 'docker:29.7.2-cli',
        result: 'failed',
        steps: [
          {
            run: 'docker info',
            out: [
              ...DOCKER_INFO_CLIENT,
              'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
            ],
          },
        ],
      },
      needle: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock',
    },
    {
      name: 'Kubernetes containerd node, Docker 28+ wording',
      job: {
        executor: 'kubernetes',
        image: 'docker:28.5.1-cli',
        result: 'failed',
        steps: [
          {
            run: 'docker build -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
            out: [
              'ERROR: failed to connect to the docker API at unix:///var/run/docker.sock; check if the path is correct and if the daemon is running: dial unix /var/run/docker.sock: connect: no such file or directory',
            ],
          },
        ],
      },
      needle: 'failed to connect to the docker API at unix:///var/run/docker.sock',
    },
    {
      name: 'rootless Docker socket path',
      job: {
        executor: 'docker',
        image: 'docker:25.0.5',
        result: 'failed',
        steps: [
          {
            run: 'docker ps',
            out: [
              'Cannot connect to the Docker daemon at unix:///run/user/1000/docker.sock. Is the docker daemon running?',
            ],
          },
        ],
      },
      needle: 'unix:///run/user/1000/docker.sock',
    },
  ],
  'docker29-client-too-old': [
    {
      name: 'failures.md text (docker:stable against dind 29)',
      job: dind({
        image: 'docker:stable',
        services: ['docker:dind'],
        out: [
          ...DOCKER_INFO_CLIENT,
          'Error response from daemon: client version 1.40 is too old. Minimum supported API version is 1.44, please upgrade your client to a newer version',
        ],
      }),
      needle: 'client version 1.40 is too old',
      facts: { client: '1.40', min: '1.44' },
    },
    {
      name: 'old runner on a Docker 29 host: Preparation failed',
      job: {
        executor: 'docker',
        runnerVersion: '16.11.4',
        result: 'system',
        failure:
          'ERROR: Preparation failed: Error response from daemon: client version 1.43 is too old. Minimum supported API version is 1.44, please upgrade your client to a newer version (docker.go:958:0s)',
        steps: [],
      },
      needle: 'client version 1.43 is too old',
      facts: { client: '1.43', min: '1.44' },
    },
    {
      name: 'docker run with an old tool image',
      job: dind({
        image: 'registry.example.com/ci/tools:2021.3',
        services: ['docker:29.7.2-dind'],
        run: 'docker run --rm "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" ./test.sh',
        out: [
          'docker: Error response from daemon: client version 1.41 is too old. Minimum supported API version is 1.44, please upgrade your client to a newer version.',
          "See 'docker run --help'.",
        ],
      }),
      needle: 'client version 1.41 is too old',
    },
  ],
  'dockerhub-rate-limit': [
    {
      name: 'failures.md text (pull of docker:dind by the runner)',
      job: {
        executor: 'docker',
        services: ['docker:dind'],
        result: 'system',
        failure:
          'ERROR: Job failed: failed to pull image "docker:dind" with specified policies [always]: Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit (manager.go:238:1s)',
        steps: [],
      },
      needle: 'toomanyrequests: You have reached your pull rate limit',
    },
    {
      name: '2025 wording, BuildKit FROM pull',
      job: dind({
        steps: BUILD_STEPS([
          '#3 [internal] load metadata for docker.io/library/node:22-alpine',
          '#3 ERROR: failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/node/manifests/sha256:5e2b6f7c0b2a0e9c2d4b1a3f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b: 429 Too Many Requests - Server message: toomanyrequests: You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit',
        ]),
        out: [],
      }),
      needle: 'You have reached your unauthenticated pull rate limit',
    },
    {
      name: 'Kubernetes kubelet event, authenticated account limit',
      job: {
        executor: 'kubernetes',
        image: 'python:3.13-slim',
        result: 'system',
        serviceNotes: [
          'WARNING: Failed to pull image with policy "": image pull failed: Back-off pulling image "python:3.13-slim"',
          'Failed to pull image "docker.io/library/python:3.13-slim": failed to pull and unpack image "docker.io/library/python:3.13-slim": 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit as \'ci-bot\'. You may increase the limit by upgrading. https://www.docker.com/increase-rate-limit',
        ],
        steps: [],
      },
      needle: "pull rate limit as 'ci-bot'",
    },
  ],
  'dind-hostname-unresolved': [
    {
      name: 'dind copied into a company registry, no alias (issue 13)',
      job: dind({
        image: 'registry.corp.example:5050/platform/mirror/docker:27.5.1-cli',
        services: ['registry.corp.example:5050/platform/mirror/docker:27.5.1-dind'],
        out: [
          ...DOCKER_INFO_CLIENT,
          'failed to connect to the docker API at tcp://docker:2376: dial tcp: lookup docker on 172.17.0.1:53: no such host',
        ],
      }),
      needle: 'lookup docker on 172.17.0.1:53: no such host',
      facts: { alias: 'docker', serviceImage: 'registry.corp.example:5050/platform/mirror/docker:27.5.1-dind' },
    },
    {
      name: 'failures.md text',
      job: dind({
        image: 'docker:18.09',
        services: ['docker:18.09-dind'],
        out: [
          ...DOCKER_INFO_CLIENT,
          'error during connect: Get http://docker:2375/v1.39/info: dial tcp: lookup docker on 100.64.0.10:53: no such host',
        ],
      }),
      needle: 'lookup docker on 100.64.0.10:53: no such host',
      facts: { alias: 'docker' },
    },
    {
      name: 'alias dind, embedded DNS misbehaving',
      job: dind({
        out: [
          ...DOCKER_INFO_CLIENT,
          'error during connect: Get "https://dind:2376/v1.47/info": dial tcp: lookup dind on 127.0.0.11:53: server misbehaving',
        ],
      }),
      needle: 'lookup dind on 127.0.0.11:53: server misbehaving',
      facts: { alias: 'dind' },
    },
    {
      name: 'shell executor ignoring services, Docker 28+ wording',
      job: {
        executor: 'shell',
        result: 'failed',
        steps: [
          {
            run: 'docker info',
            out: [
              'failed to connect to the docker API at tcp://docker:2376; check if the path is correct and if the daemon is running: dial tcp: lookup docker: Temporary failure in name resolution',
            ],
          },
        ],
      },
      needle: 'lookup docker: Temporary failure in name resolution',
    },
  ],
  'private-ca-x509': [
    {
      name: 'failures.md text',
      job: dind({
        run: 'echo "$CI_REGISTRY_PASSWORD" | docker login registry.example.com:5050 -u "$CI_REGISTRY_USER" --password-stdin',
        out: [
          'Error response from daemon: Get https://registry.example.com:5050/v2/: x509: certificate signed by unknown authority',
        ],
      }),
      needle: 'x509: certificate signed by unknown authority',
      facts: { host: 'registry.example.com:5050' },
    },
    {
      name: 'Go 1.20+ wording, Harbor without port',
      job: dind({
        run: 'docker pull harbor.corp.internal/base/python:3.13',
        out: [
          'Error response from daemon: Get "https://harbor.corp.internal/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority',
        ],
      }),
      needle: 'tls: failed to verify certificate',
      facts: { host: 'harbor.corp.internal' },
    },
    {
      name: 'rootless BuildKit pulling a base image from Nexus',
      job: {
        executor: 'kubernetes',
        image: 'moby/buildkit:v0.31.2-rootless',
        result: 'failed',
        steps: [
          {
            run: 'buildctl-daemonless.sh build --frontend dockerfile.v0 --local context=. --local dockerfile=. --output type=image,name=$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA,push=true',
            out: [
              '#2 [internal] load metadata for nexus.intra.example:8443/base/node:22',
              'error: failed to solve: nexus.intra.example:8443/base/node:22: failed to resolve source metadata for nexus.intra.example:8443/base/node:22: failed to do request: Head "https://nexus.intra.example:8443/v2/base/node/manifests/22": tls: failed to verify certificate: x509: certificate signed by unknown authority',
            ],
          },
        ],
      },
      needle: 'Head "https://nexus.intra.example:8443/v2/base/node/manifests/22"',
      facts: { host: 'nexus.intra.example:8443' },
    },
  ],
  'socket-plus-dind-conflict': [
    {
      name: 'failures.md text (service logs)',
      job: dind({
        serviceNotes: SERVICE_NOT_STARTED('runner-ab12cd34-project-7-concurrent-0-docker-0', [
          'time="2026-11-20T10:11:14.118Z" level=info msg="Starting up"',
          "failed to load listeners: can't create unix socket /var/run/docker.sock: is a directory",
        ]),
        out: [
          ...DOCKER_INFO_CLIENT,
          'Cannot connect to the Docker daemon at tcp://docker:2376. Is the docker daemon running?',
        ],
      }),
      needle: "can't create unix socket /var/run/docker.sock: is a directory",
      also: ['dind-startup-healthcheck', 'dind-tls-port-mismatch'],
    },
    {
      name: 'device or resource busy (dockerd 26)',
      job: dind({
        image: 'docker:26.1.4-cli',
        services: ['docker:26.1.4-dind'],
        serviceNotes: [
          "failed to start daemon: failed to load listeners: can't create unix socket /var/run/docker.sock: device or resource busy",
        ],
        out: [],
      }),
      needle: 'device or resource busy',
    },
    {
      name: 'socket under /run',
      job: dind({
        serviceNotes: [
          'time="2026-11-20T10:11:16Z" level=error msg="failed to load listeners: can\'t create unix socket /run/docker.sock: is a directory"',
        ],
        out: [],
      }),
      needle: "can't create unix socket /run/docker.sock",
    },
  ],
  'protected-var-empty-login': [
    {
      name: 'failures.md text (docker login on an unprotected branch)',
      job: dind({
        run: 'docker login -u "$REG_USER" -p "$REG_PASSWORD" "$REGISTRY"',
        out: [
          'WARNING! Using --password via the CLI is insecure. Use --password-stdin.',
          'Error: Cannot perform an interactive login from a non TTY device',
        ],
      }),
      needle: 'Cannot perform an interactive login from a non TTY device',
    },
    {
      name: 'Kaniko: UNAUTHORIZED push check',
      job: KANIKO_JOB('gcr.io/kaniko-project/executor:v1.23.2-debug', [
        'error checking push permissions -- make sure you entered the correct tag name, and that you are authenticated correctly, and try again: checking push permission for "gcr.io/my-project/app:1a2b3c4d": POST https://gcr.io/v2/my-project/app/blobs/uploads/: UNAUTHORIZED: You don\'t have the needed permissions to perform this operation, and you may have invalid credentials.',
      ]),
      needle: 'UNAUTHORIZED: You don',
      also: ['kaniko-deprecated', 'kaniko-legacy-pitfalls'],
    },
    {
      name: 'newer CLI (lowercase), login to quay.io with stdin',
      job: dind({
        run: 'echo "$QUAY_PASSWORD" | docker login quay.io -u "$QUAY_USER" --password-stdin',
        out: ['Error: cannot perform an interactive login from a non TTY device'],
      }),
      needle: 'cannot perform an interactive login',
    },
  ],
  'push-access-denied': [
    {
      name: 'failures.md text (bare tag resolves to docker.io)',
      job: dind({
        steps: [
          ...BUILD_STEPS(['#12 naming to docker.io/library/myapp:latest done']),
          {
            run: 'docker push myapp:latest',
            out: [
              'The push refers to repository [docker.io/library/myapp]',
              '5f70bf18a086: Preparing',
              'a3ed95caeb02: Preparing',
              'denied: requested access to the resource is denied',
            ],
          },
        ],
        out: [],
      }),
      needle: 'denied: requested access to the resource is denied',
    },
    {
      name: 'GitLab registry: HTTP Basic',
      job: dind({
        run: 'echo "$DEPLOY_TOKEN" | docker login registry.gitlab.example.com -u deployer --password-stdin',
        out: [
          'Error response from daemon: Get "https://registry.gitlab.example.com/v2/": unauthorized: HTTP Basic: Access denied. The provided password or token is incorrect or your account has 2FA enabled and you must use a personal access token instead of a password.',
        ],
      }),
      needle: 'unauthorized: HTTP Basic: Access denied',
    },
    {
      name: 'GitLab registry: push to another project',
      job: dind({
        run: 'docker push registry.gitlab.com/other-group/other-project/app:1.4.2',
        out: [
          'The push refers to repository [registry.gitlab.com/other-group/other-project/app]',
          'b2c3d4e5f6a7: Preparing',
          'denied: access forbidden',
        ],
      }),
      needle: 'denied: access forbidden',
    },
  ],
  'k8s-dind-certs-race': [
    {
      name: 'failures.md text',
      job: {
        executor: 'kubernetes',
        services: ['docker:29.7.2-dind'],
        result: 'failed',
        steps: [
          {
            run: 'docker info',
            out: ['unable to resolve docker endpoint: open /certs/client/ca.pem: no such file or directory'],
          },
        ],
      },
      needle: 'open /certs/client/ca.pem: no such file or directory',
      facts: { path: '/certs/client/ca.pem' },
    },
    {
      name: 'older CLI wording',
      job: {
        executor: 'kubernetes',
        image: 'docker:20.10.24',
        services: ['docker:20.10.24-dind'],
        result: 'failed',
        steps: [
          {
            run: 'docker build -t app .',
            out: [
              'could not read CA certificate "/certs/client/ca.pem": open /certs/client/ca.pem: no such file or directory',
            ],
          },
        ],
      },
      needle: 'could not read CA certificate',
    },
    {
      name: 'client certificate missing, custom cert dir',
      job: {
        executor: 'kubernetes',
        services: ['docker:29.7.2-dind'],
        result: 'failed',
        steps: [
          {
            run: 'docker info',
            out: ['unable to resolve docker endpoint: open /shared/certs/client/cert.pem: no such file or directory'],
          },
        ],
      },
      needle: 'open /shared/certs/client/cert.pem',
    },
  ],
  'k8s-service-args-and-healthcheck': [
    {
      name: 'failures.md symptom: literal $VAR in a service flag',
      job: {
        executor: 'kubernetes',
        services: ['docker:29.7.2-dind'],
        result: 'failed',
        serviceNotes: [
          'invalid argument "$DIND_MTU" for "--mtu" flag: strconv.ParseInt: parsing "$DIND_MTU": invalid syntax',
          "See 'dockerd --help'.",
        ],
        steps: [{ run: 'docker info', out: [] }],
      },
      needle: 'invalid argument "$DIND_MTU" for "--mtu" flag',
      facts: { value: '$DIND_MTU', flag: '--mtu' },
    },
    {
      name: 'entrypoint and command merged: the flag runs as a program',
      job: {
        executor: 'kubernetes',
        runnerVersion: '13.2.0',
        services: ['docker:19.03.12-dind'],
        result: 'system',
        failure:
          'ERROR: Job failed (system failure): prepare environment: failed to start container "svc-0": OCI runtime create failed: container_linux.go:349: starting container process caused: exec: "--mtu=1450": executable file not found in $PATH: unknown',
        steps: [],
      },
      needle: 'exec: "--mtu=1450": executable file not found',
    },
    {
      name: 'braced variable in --registry-mirror',
      job: {
        executor: 'kubernetes',
        services: ['docker:28.3.3-dind'],
        result: 'failed',
        serviceNotes: [
          'invalid argument "${REGISTRY_MIRROR}" for "--registry-mirror" flag: invalid mirror: "${REGISTRY_MIRROR}" is not a valid URI',
        ],
        steps: [{ run: 'docker info', out: [] }],
      },
      needle: 'invalid argument "${REGISTRY_MIRROR}"',
    },
  ],
  'buildx-cache-export-docker-driver': [
    {
      name: 'failures.md text',
      job: dind({
        run: 'docker buildx build --cache-from type=registry,ref=$CI_REGISTRY_IMAGE/cache --cache-to type=registry,ref=$CI_REGISTRY_IMAGE/cache,mode=max --push -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
        out: [
          'ERROR: cache export feature is currently not supported for docker driver. Please switch to a different driver (eg. "docker buildx create --use")',
        ],
      }),
      needle: 'cache export feature is currently not supported for docker driver',
    },
    {
      name: 'newer buildx wording',
      job: dind({
        run: 'docker build --cache-to type=registry,ref=$CI_REGISTRY_IMAGE/cache:main --push -t "$CI_REGISTRY_IMAGE" .',
        out: [
          'ERROR: failed to build: Cache export is not supported for the docker driver.',
          'Switch to a different driver, or turn on the containerd image store, and try again.',
        ],
      }),
      needle: 'Cache export is not supported for the docker driver',
    },
    {
      name: 'older buildx (lowercase error:), socket binding',
      job: {
        executor: 'docker',
        image: 'docker:20.10.16',
        result: 'failed',
        steps: [
          {
            run: 'docker buildx build --cache-to type=local,dest=/cache/bk .',
            out: [
              'error: cache export feature is currently not supported for docker driver. Please switch to a different driver (eg. "docker buildx create --use")',
            ],
          },
        ],
      },
      needle: 'error: cache export feature',
    },
  ],
  'buildx-tls-context': [
    {
      name: 'failures.md text',
      job: dind({
        run: 'docker buildx create --use',
        out: [
          'ERROR: could not create a builder instance with TLS data loaded from environment. Please use `docker context create <context-name>` to create a context for current environment and then create a builder instance with context set to <context-name>',
        ],
      }),
      needle: 'could not create a builder instance with TLS data loaded from environment',
    },
    {
      name: 'older buildx, named builder',
      job: dind({
        image: 'docker:20.10.7',
        services: ['docker:20.10.7-dind'],
        run: 'docker buildx create --driver docker-container --name builder-4711 --use',
        out: [
          'error: could not create a builder instance with TLS data loaded from environment. Please use `docker context create <context-name>` to create a context for current environment and then create a builder instance with `docker buildx create <context-name>`',
        ],
      }),
      needle: 'error: could not create a builder instance',
    },
    {
      name: 'Kubernetes dind on 2376',
      job: {
        executor: 'kubernetes',
        services: ['docker:27.3.1-dind'],
        result: 'failed',
        steps: [
          {
            run: 'docker buildx create --bootstrap --use',
            out: [
              'ERROR: could not create a builder instance with TLS data loaded from environment. Please use `docker context create <context-name>` to create a context for current environment and then create a builder instance with context set to <context-name>',
            ],
          },
        ],
      },
      needle: 'TLS data loaded from environment',
    },
  ],
  'multiplatform-no-emulation': [
    {
      name: 'failures.md text (default docker driver)',
      job: dind({
        run: 'docker buildx build --platform linux/amd64,linux/arm64 -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" --push .',
        out: [
          'ERROR: Multi-platform build is not supported for the docker driver.',
          'Switch to a different driver, or turn on the containerd image store, and try again.',
        ],
      }),
      needle: 'Multi-platform build is not supported for the docker driver',
    },
    {
      name: 'no binfmt handlers: exec format error in RUN',
      job: dind({
        run: 'docker buildx build --platform linux/arm64,linux/amd64 --push -t "$CI_REGISTRY_IMAGE" .',
        out: [
          '#12 [linux/arm64 2/5] RUN apk add --no-cache curl',
          '#12 0.134 exec /bin/sh: exec format error',
          '#12 ERROR: process "/bin/sh -c apk add --no-cache curl" did not complete successfully: exit code: 1',
        ],
      }),
      needle: 'exec /bin/sh: exec format error',
      facts: { path: '/bin/sh' },
    },
    {
      name: 'older runc wording',
      job: dind({
        run: 'docker run --rm --platform linux/arm/v7 "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" ./test.sh',
        out: ['standard_init_linux.go:228: exec user process caused: exec format error'],
      }),
      needle: 'exec user process caused: exec format error',
    },
  ],
  'cache-never-hits': [
    {
      name: 'failures.md text (cache-from an image without cache metadata)',
      job: dind({
        run: 'docker buildx build --cache-from "$CI_REGISTRY_IMAGE:latest" -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" --push .',
        out: [
          '#5 importing cache manifest from registry.gitlab.com/acme/app:latest',
          '#5 ERROR: error on cache query: invalid build cache from {MediaType:application/vnd.docker.distribution.manifest.v2+json Digest:sha256:9a3c1b2e4d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9 Size:2203 Annotations:map[] Platform:<nil>}',
        ],
      }),
      needle: 'error on cache query: invalid build cache from',
    },
    {
      name: 'registry refuses the legacy cache manifest',
      job: dind({
        run: 'docker buildx build --cache-to type=registry,ref=$CI_REGISTRY_IMAGE/cache:main,mode=max --push -t "$CI_REGISTRY_IMAGE" .',
        out: [
          '#18 exporting cache to registry',
          '#18 ERROR: error writing manifest blob: failed commit on ref "sha256:0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c": unexpected status: 400 Bad Request',
        ],
      }),
      needle: 'error writing manifest blob',
    },
    {
      name: 'cache ref never written (importer)',
      job: {
        executor: 'kubernetes',
        image: 'moby/buildkit:v0.31.2-rootless',
        result: 'success',
        steps: [
          {
            run: 'buildctl-daemonless.sh build --frontend dockerfile.v0 --local context=. --local dockerfile=. --import-cache type=registry,ref=$CI_REGISTRY_IMAGE/cache --output type=image,name=$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA,push=true',
            out: [
              '#4 importing cache manifest from registry.gitlab.com/acme/app/cache',
              '#4 ERROR: failed to configure registry cache importer: registry.gitlab.com/acme/app/cache: not found',
            ],
          },
        ],
      },
      needle: 'failed to configure registry cache importer',
    },
  ],
  'dind-startup-healthcheck': [
    {
      name: 'failures.md text',
      job: dind({
        serviceNotes: SERVICE_NOT_STARTED('runner-x1y2z3w4-project-9-concurrent-0-docker-0', [
          'Generating RSA private key, 4096 bit long modulus (2 primes)',
          'certificate request self-signature ok',
        ]),
        out: [...DOCKER_INFO_CLIENT, ' Containers: 0', ' Server Version: 29.7.2'],
      }),
      needle: '-wait-for-service" timeout',
    },
    {
      name: 'single-line wording, context deadline',
      job: dind({
        runnerVersion: '18.5.0',
        serviceNotes: [
          "*** WARNING: Service runner-q7w8e9r0-project-512-concurrent-1-docker-0 probably didn't start properly.",
          'Health check error: start service container: context deadline exceeded',
        ],
        out: [...DOCKER_INFO_CLIENT, ' Server Version: 29.7.2'],
      }),
      needle: 'Health check error: start service container: context deadline exceeded',
    },
    {
      name: 'FF_NETWORK_PER_BUILD service name',
      job: dind({
        services: ['registry.example.com/mirror/docker:28.5.1-dind'],
        serviceNotes: [
          'service "runner-abcd1234-project-3-concurrent-0-registry.example.com__mirror__docker-0-wait-for-service" timed out',
        ],
        out: [],
      }),
      needle: 'wait-for-service" timed out',
    },
  ],
  'buildkit-rootless-share-mount': [
    {
      name: 'failures.md text',
      job: {
        executor: 'docker',
        image: 'moby/buildkit:rootless',
        result: 'failed',
        steps: [
          {
            run: 'buildctl-daemonless.sh build --frontend dockerfile.v0 --local context=. --local dockerfile=. --output type=image,name=$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA,push=true',
            out: [
              '[rootlesskit:child ] error: failed to share mount point: /: permission denied',
              '[rootlesskit:parent] error: child exited: exit status 1',
              'could not connect to unix:///run/user/1000/buildkit/buildkitd.sock after 10 trials',
              '========== log ==========',
              'no log',
              '=========================',
            ],
          },
        ],
      },
      needle: 'failed to share mount point: /: permission denied',
    },
    {
      name: 'seccomp: fork/exec not permitted',
      job: {
        executor: 'kubernetes',
        image: 'moby/buildkit:v0.29.0-rootless',
        result: 'failed',
        steps: [
          {
            run: 'buildctl-daemonless.sh build --frontend dockerfile.v0 --local context=. --local dockerfile=.',
            out: [
              '[rootlesskit:parent] error: failed to start the child: fork/exec /proc/self/exe: operation not permitted',
            ],
          },
        ],
      },
      needle: 'failed to start the child: fork/exec /proc/self/exe: operation not permitted',
    },
    {
      name: 'uid 1001 and newuidmap',
      job: {
        executor: 'docker',
        image: 'registry.example.com/mirror/moby/buildkit:v0.31.2-rootless',
        result: 'failed',
        steps: [
          {
            run: 'buildctl-daemonless.sh build --frontend dockerfile.v0 --local context=. --local dockerfile=.',
            out: [
              '[rootlesskit:parent] newuidmap: write to uid_map failed: Operation not permitted',
              'could not connect to unix:///run/user/1001/buildkit/buildkitd.sock after 10 trials',
            ],
          },
        ],
      },
      needle: 'buildkitd.sock after 10 trials',
    },
  ],
  'buildkit-rootless-hang': [
    {
      name: 'failures.md text (entrypoint starts buildkitd)',
      job: {
        executor: 'docker',
        image: 'moby/buildkit:rootless',
        result: 'timeout',
        steps: [],
        serviceNotes: [],
      },
      needle: 'execution took longer than 1h0m0s',
      facts: { timeout: '1h0m0s' },
    },
    {
      name: 'Kubernetes, 3h timeout, buildkitd logs',
      job: {
        executor: 'kubernetes',
        image: 'moby/buildkit:v0.31.2-rootless',
        result: 'timeout',
        failure: 'ERROR: Job failed: execution took longer than 3h0m0s seconds',
        steps: [
          {
            run: 'buildctl-daemonless.sh build --frontend dockerfile.v0 --local context=. --local dockerfile=.',
            out: [
              'time="2026-11-20T10:12:01Z" level=info msg="running server on /run/user/1000/buildkit/buildkitd.sock"',
            ],
          },
        ],
      },
      needle: 'execution took longer than 3h0m0s',
    },
    {
      name: 'short project timeout',
      job: {
        executor: 'docker',
        image: 'moby/buildkit:v0.28.1-rootless',
        result: 'timeout',
        failure: 'ERROR: Job failed: execution took longer than 30m0s seconds',
        steps: [],
      },
      needle: 'execution took longer than 30m0s',
    },
  ],
  'kaniko-deprecated': [
    {
      name: 'failures.md signal (the Kaniko executor image)',
      job: KANIKO_JOB(
        'gcr.io/kaniko-project/executor:v1.23.2-debug',
        [
          'INFO[0000] Retrieving image manifest node:22-alpine',
          'INFO[0042] Pushing image to registry.gitlab.com/acme/app:v1.2.0',
          'INFO[0045] Pushed registry.gitlab.com/acme/app@sha256:4c9d',
        ],
        'docker',
      ),
      needle: 'gcr.io/kaniko-project/executor',
    },
    {
      name: 'Chainguard fork',
      job: {
        executor: 'kubernetes',
        image: 'cgr.dev/chainguard/kaniko:latest',
        result: 'success',
        steps: [
          {
            run: 'executor --context . --destination "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA"',
            out: ['INFO[0031] Pushed registry.gitlab.com/acme/app@sha256:1a2b'],
          },
        ],
      },
      needle: 'cgr.dev/chainguard/kaniko',
    },
    {
      name: 'osscontainertools fork, executor path only',
      job: {
        executor: 'docker',
        image: 'ghcr.io/osscontainertools/kaniko:v1.26.0-debug',
        result: 'success',
        steps: [
          {
            run: '/kaniko/executor --context "$CI_PROJECT_DIR" --no-push',
            out: ['INFO[0012] Skipping push to container registry due to --no-push flag'],
          },
        ],
      },
      needle: 'osscontainertools/kaniko',
    },
  ],
  'kaniko-legacy-pitfalls': [
    {
      name: 'failures.md text (non-debug image has no shell)',
      job: {
        executor: 'docker',
        image: 'gcr.io/kaniko-project/executor:v1.9.0',
        result: 'system',
        failure:
          'ERROR: Job failed: Error response from daemon: OCI runtime create failed: container_linux.go:345: starting container process caused "exec: \\"/bin/sh\\": stat /bin/sh: no such file or directory": unknown (executor_docker.go:850:0s)',
        steps: [],
      },
      needle: 'stat /bin/sh: no such file or directory',
      also: ['kaniko-deprecated'],
    },
    {
      name: 'Kubernetes: build container gone',
      job: {
        executor: 'kubernetes',
        image: 'gcr.io/kaniko-project/executor:v1.23.2',
        result: 'system',
        failure:
          'ERROR: Job failed (system failure): prepare environment: setting up trapping scripts on emptyDir: unable to upgrade connection: container not found ("build")',
        steps: [],
      },
      needle: 'unable to upgrade connection: container not found ("build")',
      facts: { container: 'build' },
      also: ['kaniko-deprecated'],
    },
    {
      name: 'config.json key does not match the destination',
      job: KANIKO_JOB('gcr.io/kaniko-project/executor:v1.23.2-debug', [
        'error checking push permissions -- make sure you entered the correct tag name, and that you are authenticated correctly, and try again: checking push permission for "registry.example.com:5050/grp/app:v1.0.0": creating push check transport for registry.example.com:5050 failed: GET https://registry.example.com:5050/jwt/auth?scope=repository%3Agrp%2Fapp%3Apush%2Cpull&service=container_registry: DENIED: access forbidden',
      ]),
      needle: 'error checking push permissions -- make sure you entered the correct tag name',
      also: ['kaniko-deprecated', 'push-access-denied'],
    },
  ],
  'buildah-unprivileged': [
    {
      name: 'failures.md text (user namespace)',
      job: {
        executor: 'docker',
        image: 'quay.io/buildah/stable:v1.43',
        result: 'failed',
        steps: [
          {
            run: 'buildah build --tag "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
            out: [
              'Error during unshare(CLONE_NEWUSER): Operation not permitted',
              'ERRO[0000] parsing PID "": strconv.Atoi: parsing "": invalid syntax',
            ],
          },
        ],
      },
      needle: 'Error during unshare(CLONE_NEWUSER): Operation not permitted',
    },
    {
      name: 'overlay mount refused',
      job: {
        executor: 'kubernetes',
        image: 'quay.io/buildah/stable:v1.42.1',
        result: 'failed',
        steps: [
          {
            run: 'buildah bud -t "$CI_REGISTRY_IMAGE" .',
            out: [
              'Error: mount /var/lib/containers/storage/overlay:/var/lib/containers/storage/overlay, flags: 0x1000: permission denied',
            ],
          },
        ],
      },
      needle: 'containers/storage/overlay, flags: 0x1000: permission denied',
    },
    {
      name: 'overlay over overlayfs (rootless home storage)',
      job: {
        executor: 'docker',
        image: 'quay.io/podman/stable:v5.6',
        result: 'failed',
        steps: [
          {
            run: 'podman build -t "$CI_REGISTRY_IMAGE" .',
            out: [
              "Error: 'overlay' is not supported over overlayfs, a mount_program is required: backing file system is unsupported for this graph driver",
            ],
          },
        ],
      },
      needle: 'a mount_program is required',
    },
    {
      name: 'Buildah 1.44 regression',
      job: {
        executor: 'docker',
        image: 'quay.io/buildah/stable:v1.44.0',
        result: 'failed',
        steps: [
          {
            run: 'buildah build --tag "$CI_REGISTRY_IMAGE" .',
            out: [
              'STEP 3/6: COPY . /app',
              'Error: building at STEP "COPY . /app": mounting an overlay over build context directory: creating overlay mount to /var/tmp/buildah2213/mnt, mount_data="lowerdir=/builds/acme/app,upperdir=/var/tmp/buildah2213/upper": invalid argument',
            ],
          },
        ],
      },
      needle: 'mounting an overlay over build context directory',
    },
    {
      name: 'Podman re-exec in a user namespace refused (issue 13)',
      job: {
        executor: 'docker',
        image: 'quay.io/podman/stable:v5.6',
        result: 'failed',
        steps: [
          {
            run: 'podman build -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
            out: ['cannot clone: Operation not permitted', 'Error: cannot re-exec process'],
          },
        ],
      },
      needle: 'cannot clone: Operation not permitted',
    },
    {
      name: 'Buildah unshare refused (Kubernetes)',
      job: {
        executor: 'kubernetes',
        image: 'quay.io/buildah/stable:v1.43',
        result: 'failed',
        steps: [
          {
            run: 'buildah build --tag "$CI_REGISTRY_IMAGE" .',
            out: ['unshare: operation not permitted', 'Error: building: exit status 1'],
          },
        ],
      },
      needle: 'unshare: operation not permitted',
    },
    {
      name: 'Podman run step: newuidmap refused',
      job: {
        executor: 'docker',
        image: 'quay.io/podman/stable:v5.4',
        result: 'failed',
        steps: [
          {
            run: 'podman build -t app .',
            out: [
              'STEP 2/4: RUN apk add --no-cache curl',
              'error running container: from /usr/bin/crun creating container for [/bin/sh -c apk add --no-cache curl]: newuidmap: write to uid_map failed: Operation not permitted',
            ],
          },
        ],
      },
      needle: 'error running container: from /usr/bin/crun',
    },
  ],
  'dind-mtu-hang': [
    {
      name: 'failures.md text (TLS handshake timeout)',
      job: dind({
        steps: BUILD_STEPS([
          '#3 [internal] load metadata for docker.io/library/alpine:3.22',
          '#3 ERROR: failed to do request: Head "https://registry-1.docker.io/v2/library/alpine/manifests/3.22": net/http: TLS handshake timeout',
        ]),
        out: [],
      }),
      needle: 'net/http: TLS handshake timeout',
    },
    {
      name: 'curl in RUN: SSL_ERROR_SYSCALL',
      job: dind({
        steps: BUILD_STEPS([
          '#7 [3/6] RUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash -',
          '#7 12.41 curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to deb.nodesource.com:443',
        ]),
        out: [],
      }),
      needle: 'SSL_ERROR_SYSCALL',
    },
    {
      name: 'dotnet restore hangs until the timeout',
      job: {
        ...dind({
          steps: BUILD_STEPS([
            '#9 [build 3/7] RUN dotnet restore "App.csproj"',
            '#9 1.873   Determining projects to restore...',
          ]),
          out: [],
        }),
        result: 'timeout',
      },
      needle: 'execution took longer than 1h0m0s',
    },
  ],
  'dind-overlay-vfs': [
    {
      name: 'failures.md text',
      job: {
        executor: 'kubernetes',
        services: ['docker:29.7.2-dind'],
        result: 'failed',
        serviceNotes: [
          'time="2026-11-20T10:11:15Z" level=error msg="\'overlay2\' is not supported over overlayfs"',
          'failed to start daemon: error initializing graphdriver: driver not supported: overlay2',
        ],
        steps: [{ run: 'docker info', out: [] }],
      },
      needle: "'overlay2' is not supported over overlayfs",
      facts: { fs: 'overlayfs' },
    },
    {
      name: 'xfs without d_type',
      job: dind({
        serviceNotes: [
          'failed to start daemon: error initializing graphdriver: overlay2: the backing xfs filesystem is formatted without d_type support, which leads to incorrect behavior. Reformat the filesystem with ftype=1 to enable d_type support.',
        ],
        out: [],
      }),
      needle: 'error initializing graphdriver: overlay2: the backing xfs',
    },
    {
      name: 'silent vfs fallback seen in docker info',
      job: {
        executor: 'kubernetes',
        services: ['docker:28.5.1-dind'],
        result: 'success',
        steps: [
          {
            run: 'docker info',
            out: [
              ...DOCKER_INFO_CLIENT,
              ' Containers: 0',
              ' Server Version: 28.5.1',
              ' Storage Driver: vfs',
              ' Logging Driver: json-file',
            ],
          },
        ],
      },
      needle: 'Storage Driver: vfs',
    },
  ],
  'dind-proxy': [
    {
      name: 'failures.md text (no such host)',
      job: dind({
        run: 'docker pull alpine:3.22',
        out: [
          'Error response from daemon: Get https://registry-1.docker.io/v2/: dial tcp: lookup registry-1.docker.io on 10.0.0.2:53: no such host',
        ],
      }),
      needle: 'lookup registry-1.docker.io on 10.0.0.2:53: no such host',
      facts: { host: 'registry-1.docker.io' },
    },
    {
      name: 'i/o timeout on 443',
      job: dind({
        run: 'docker pull python:3.13-slim',
        out: [
          'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp 54.236.113.205:443: i/o timeout',
        ],
      }),
      needle: 'dial tcp 54.236.113.205:443: i/o timeout',
    },
    {
      name: 'RUN steps cannot download (apt, npm)',
      job: dind({
        steps: BUILD_STEPS([
          '#6 [2/5] RUN apt-get update && apt-get install -y curl',
          '#6 20.12 Err:1 http://deb.debian.org/debian bookworm InRelease',
          "#6 20.12   Temporary failure resolving 'deb.debian.org'",
          '#8 31.03 npm error code EAI_AGAIN',
          '#8 31.03 npm error request to https://registry.npmjs.org/express failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org',
        ]),
        out: [],
      }),
      needle: "Temporary failure resolving 'deb.debian.org'",
    },
  ],
  'per-build-network-dns': [
    {
      name: 'failures.md symptom: lookups go to 8.8.8.8',
      job: dind({
        steps: BUILD_STEPS([
          '#3 [internal] load metadata for registry.corp.example/base/alpine:3.22',
          '#3 ERROR: failed to do request: Head "https://registry.corp.example/v2/base/alpine/manifests/3.22": dial tcp: lookup registry.corp.example on 8.8.8.8:53: read udp 172.18.0.2:45678->8.8.8.8:53: i/o timeout',
        ]),
        out: [],
      }),
      needle: 'lookup registry.corp.example on 8.8.8.8:53',
      facts: { dns: '8.8.8.8' },
    },
    {
      name: 'second public resolver, server misbehaving',
      job: dind({
        steps: BUILD_STEPS([
          '#6 0.512 W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease',
          'dial tcp: lookup deb.debian.org on 8.8.4.4:53: server misbehaving',
        ]),
        out: [],
      }),
      needle: 'on 8.8.4.4:53: server misbehaving',
    },
    {
      name: 'public resolver unreachable',
      job: dind({
        run: 'docker run --rm alpine:3.22 nslookup gitlab.corp.example',
        out: [
          ';; connection timed out; no servers could be reached',
          'dial udp 8.8.8.8:53: connect: network is unreachable',
        ],
      }),
      needle: 'dial udp 8.8.8.8:53: connect: network is unreachable',
    },
  ],
  'compose-v1-missing': [
    {
      name: 'failures.md text',
      job: dind({
        run: 'docker-compose -f docker-compose.test.yml up -d',
        out: ['/bin/sh: eval: line 57: docker-compose: not found'],
        result: 'failed',
        failure: 'ERROR: Job failed: exit code 127',
      }),
      needle: 'docker-compose: not found',
    },
    {
      name: 'bash image',
      job: dind({
        image: 'docker:29.7.2',
        run: 'docker-compose up --build -d',
        out: ['bash: line 143: docker-compose: command not found'],
      }),
      needle: 'docker-compose: command not found',
    },
    {
      name: 'PowerShell on a Windows runner',
      job: {
        executor: 'docker-windows',
        result: 'failed',
        steps: [
          {
            run: 'docker-compose -f docker-compose.test.yml up -d',
            out: [
              "docker-compose : The term 'docker-compose' is not recognized as the name of a cmdlet, function, script file, or operable program.",
            ],
          },
        ],
      },
      needle: "The term 'docker-compose' is not recognized",
    },
  ],
  'docker-auth-config': [
    {
      name: 'failures.md text (runner pulls the job image)',
      job: {
        executor: 'docker',
        image: 'registry.example.com/grp/img:1.0',
        result: 'system',
        failure:
          'ERROR: Job failed: failed to pull image "registry.example.com/grp/img:1.0" with specified policies [always]: Error response from daemon: pull access denied for registry.example.com/grp/img, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied (manager.go:238:0s)',
        steps: [],
      },
      needle: 'pull access denied for registry.example.com/grp/img',
      facts: { image: 'registry.example.com/grp/img' },
    },
    {
      name: 'no basic auth credentials, port 5050',
      job: {
        executor: 'docker',
        image: 'registry.corp.example:5050/grp/base:2.1',
        result: 'system',
        failure:
          'ERROR: Job failed: failed to pull image "registry.corp.example:5050/grp/base:2.1" with specified policies [always]: Error response from daemon: Get "https://registry.corp.example:5050/v2/grp/base/manifests/2.1": no basic auth credentials (manager.go:250:0s)',
        steps: [],
      },
      needle: 'no basic auth credentials',
    },
    {
      name: 'Kubernetes image pull 401',
      job: {
        executor: 'kubernetes',
        image: 'registry.example.com:5050/grp/builder:3',
        result: 'system',
        failure:
          'ERROR: Job failed (system failure): prepare environment: waiting for pod running: pulling image "registry.example.com:5050/grp/builder:3": image pull failed: rpc error: code = Unknown desc = failed to pull and unpack image "registry.example.com:5050/grp/builder:3": failed to resolve reference: failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://registry.example.com:5050/jwt/auth?scope=repository%3Agrp%2Fbuilder%3Apull: 401 Unauthorized',
        steps: [],
      },
      needle: 'image pull failed: rpc error',
    },
  ],
  'dependency-proxy-auth': [
    {
      name: 'failures.md text (daemon not logged in)',
      job: dind({
        steps: BUILD_STEPS([
          '#2 [internal] load metadata for gitlab.com/acme/dependency_proxy/containers/python:3.13-slim',
          '#2 ERROR: Head "https://gitlab.com/v2/acme/dependency_proxy/containers/python/manifests/3.13-slim": unauthorized: authentication required',
        ]),
        out: [],
      }),
      needle: 'dependency_proxy/containers/python/manifests/3.13-slim": unauthorized',
    },
    {
      name: 'manifest unknown (404) on a self-managed instance',
      job: dind({
        steps: BUILD_STEPS([
          'ERROR: failed to solve: gitlab.example.com:443/platform/dependency_proxy/containers/library/nginx:1.27: not found',
        ]),
        out: [],
      }),
      needle: 'platform/dependency_proxy/containers/library/nginx:1.27: not found',
    },
    {
      name: 'bare message, proxy prefix in the build arguments',
      job: dind({
        steps: [
          {
            run: 'docker build --build-arg CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
            out: [
              '#4 [internal] load metadata for ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/node:22',
              '#4 ERROR: unauthorized: authentication required',
            ],
          },
        ],
        out: [],
      }),
      needle: '#4 ERROR: unauthorized: authentication required',
    },
  ],
  'windows-pipe-binding': [
    {
      name: 'failures.md text (old runner rejects the pipe volume)',
      job: {
        executor: 'docker-windows',
        runnerVersion: '12.10.3',
        result: 'system',
        failure:
          'ERROR: Preparation failed: invalid volume specification: "\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine"',
        steps: [],
      },
      needle: 'Preparation failed: invalid volume specification',
    },
    {
      name: 'no pipe mounted',
      job: {
        executor: 'docker-windows',
        result: 'failed',
        steps: [
          {
            run: 'docker version',
            out: [
              'error during connect: this error may indicate that the docker daemon is not running: Get "http://%2F%2F.%2Fpipe%2Fdocker_engine/v1.24/version": open //./pipe/docker_engine: The system cannot find the file specified.',
            ],
          },
        ],
      },
      needle: 'open //./pipe/docker_engine: The system cannot find the file specified',
      facts: { pipe: '//./pipe/docker_engine' },
    },
    {
      name: 'Docker Desktop in Linux mode',
      job: {
        executor: 'shell',
        result: 'failed',
        steps: [
          {
            run: 'docker info',
            out: [
              'failed to connect to the docker API at npipe:////./pipe/dockerDesktopLinuxEngine; check if the path is correct and if the daemon is running: open //./pipe/dockerDesktopLinuxEngine: The system cannot find the file specified.',
            ],
          },
          {
            run: 'docker -H npipe:////./pipe/docker_engine_linux version',
            out: [
              'error during connect: open \\\\.\\pipe\\docker_engine_linux: The system cannot find the file specified.',
            ],
          },
        ],
      },
      needle: 'dockerDesktopLinuxEngine',
    },
    {
      name: 'dind service on Windows',
      job: {
        executor: 'docker-windows',
        services: ['docker:dind'],
        result: 'system',
        failure:
          'ERROR: Job failed: failed to pull image "docker:dind" with specified policies [always]: no matching manifest for windows/amd64 10.0.20348 in the manifest list entries (manager.go:250:0s)',
        steps: [],
      },
      needle: 'no matching manifest for windows/amd64',
    },
  ],
  'autoscaler-docker-unreachable': [
    {
      name: 'real-world report: dockerd not reachable through the tunnel (runner 17.8)',
      job: {
        executor: 'docker-autoscaler',
        runnerVersion: '17.8.3',
        result: 'system',
        failure:
          'ERROR: Job failed (system failure): Cannot connect to the Docker daemon at http://internal.tunnel.invalid. Is the docker daemon running? (docker.go:951:10s)',
        steps: [],
      },
      needle: 'Cannot connect to the Docker daemon at http://internal.tunnel.invalid',
    },
    {
      name: 'prepare environment, Docker 28 wording',
      job: {
        executor: 'docker-autoscaler',
        runnerVersion: '18.5.0',
        result: 'system',
        failure:
          'ERROR: Job failed (system failure): prepare environment: failed to connect to the docker API at http://internal.tunnel.invalid; check if the path is correct and if the daemon is running (docker.go:687:120s).',
        steps: [],
      },
      needle: 'failed to connect to the docker API at http://internal.tunnel.invalid',
    },
    {
      name: 'connector user not in the docker group',
      job: {
        executor: 'docker-autoscaler',
        result: 'system',
        failure:
          'ERROR: Job failed (system failure): permission denied while trying to connect to the Docker daemon socket at http://internal.tunnel.invalid/v1.47/info',
        steps: [],
      },
      needle: 'permission denied while trying to connect to the Docker daemon socket at http://internal.tunnel.invalid',
    },
    {
      name: 'config.toml without [runners.autoscaler]',
      job: {
        executor: 'docker-autoscaler',
        result: 'system',
        failure:
          'ERROR: Failed to process runner  builds=0 error=executor requires autoscaler config executor=docker-autoscaler',
        steps: [],
      },
      needle: 'executor requires autoscaler config',
    },
  ],
  'windows-unsupported-host-version': [
    {
      name: 'real-world report: Windows 11 25H2 host on runner 18.4',
      job: {
        executor: 'docker-windows',
        runnerVersion: '18.4.0',
        result: 'system',
        failure:
          'ERROR: Job failed (system failure): detecting base image: unsupported Windows version: 10.0 26200 (26100.1.amd64fre.ge_release.240331-1435)',
        steps: [],
      },
      needle: 'detecting base image: unsupported Windows version: 10.0 26200',
      facts: { build: '10.0 26200 (26100.1.amd64fre.ge_release.240331-1435)' },
    },
    {
      name: 'Windows Server 2025 on an older runner, prepare environment wording',
      job: {
        executor: 'docker-windows',
        runnerVersion: '17.3.1',
        result: 'system',
        failure:
          'ERROR: Job failed (system failure): prepare environment: detecting base image: unsupported Windows version: 10.0.26100',
        steps: [],
      },
      needle: 'unsupported Windows version: 10.0.26100',
      facts: { build: '10.0.26100' },
    },
    {
      name: 'older runner wording (capitalised)',
      job: {
        executor: 'docker-windows',
        runnerVersion: '13.12.0',
        result: 'system',
        failure: 'ERROR: Preparation failed: Unsupported Windows Version: 10.0.19042',
        steps: [],
      },
      needle: 'Unsupported Windows Version: 10.0.19042',
      facts: { build: '10.0.19042' },
    },
  ],
  'windows-linux-volume': [
    {
      name: 'real-world report: /cache in a docker-windows config.toml',
      job: {
        executor: 'docker-windows',
        runnerVersion: '18.5.0',
        result: 'system',
        failure: 'ERROR: Job failed (system failure): invalid volume specification: "/cache"',
        steps: [],
      },
      needle: 'invalid volume specification: "/cache"',
      facts: { volume: '/cache' },
    },
    {
      name: 'a Linux bind mount, dockerd wording',
      job: {
        executor: 'docker-windows',
        result: 'system',
        failure:
          "ERROR: Job failed (system failure): Error response from daemon: invalid volume specification: '/certs/client'",
        steps: [],
      },
      needle: "invalid volume specification: '/certs/client'",
      facts: { volume: '/certs/client' },
    },
    {
      name: 'the Linux socket on a Windows runner',
      job: {
        executor: 'docker-windows',
        result: 'system',
        failure: 'ERROR: Preparation failed: invalid volume specification: "/var/run/docker.sock:/var/run/docker.sock"',
        steps: [],
      },
      needle: 'invalid volume specification: "/var/run/docker.sock:/var/run/docker.sock"',
      facts: { volume: '/var/run/docker.sock:/var/run/docker.sock' },
    },
  ],
  'k8s-pod-security-rejected': [
    {
      name: 'Gatekeeper psp-allow-privilege-escalation (gitlab-runner#26998)',
      job: {
        executor: 'kubernetes',
        image: 'moby/buildkit:v0.31.2-rootless',
        result: 'system',
        steps: [],
        failure:
          'ERROR: Job failed (system failure): prepare environment: setting up build pod: admission webhook "validation.gatekeeper.sh" denied the request: [denied by psp-allow-privilege-escalation-container] Privilege escalation container is not allowed: build',
      },
      needle: 'admission webhook "validation.gatekeeper.sh" denied the request',
      facts: { webhook: 'validation.gatekeeper.sh' },
    },
    {
      name: 'Pod Security Admission, restricted',
      job: {
        executor: 'kubernetes',
        image: 'quay.io/buildah/stable:v1.43',
        result: 'system',
        steps: [],
        failure:
          'ERROR: Job failed (system failure): prepare environment: setting up build pod: pods "runner-abc123-project-42-concurrent-0" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (containers "build", "helper" must set securityContext.allowPrivilegeEscalation=false), runAsNonRoot != true (pod or containers "build", "helper" must set securityContext.runAsNonRoot=true), seccompProfile (pod or containers "build", "helper" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
      },
      needle: 'violates PodSecurity "restricted:latest"',
      facts: { level: 'restricted' },
    },
    {
      name: 'Pod Security Admission, baseline (privileged dind service)',
      job: {
        executor: 'kubernetes',
        services: ['docker:29.7.2-dind'],
        result: 'system',
        steps: [],
        failure:
          'ERROR: Job failed (system failure): prepare environment: setting up build pod: pods "runner-x-project-7-concurrent-0" is forbidden: violates PodSecurity "baseline:v1.33": privileged (container "svc-0" must not set securityContext.privileged=true)',
      },
      needle: 'violates PodSecurity "baseline:v1.33"',
      facts: { level: 'baseline' },
    },
    {
      name: 'OpenShift security context constraints',
      job: {
        executor: 'kubernetes',
        image: 'quay.io/podman/stable:v5.6',
        result: 'system',
        steps: [],
        failure:
          'ERROR: Job failed (system failure): prepare environment: setting up build pod: pods "runner-q-project-3-concurrent-0" is forbidden: unable to validate against any security context constraint: [provider "restricted-v2": .containers[0].runAsUser: Invalid value: 1000: must be in the ranges: [1000650000, 1000659999]]',
      },
      needle: 'unable to validate against any security context constraint',
    },
  ],
  'k8s-node-arch-mismatch': [
    {
      name: 'x86_64 helper on an arm64 node (gitlab-runner#38819)',
      job: {
        executor: 'kubernetes',
        runnerVersion: '18.0.2',
        result: 'system',
        steps: [],
        serviceNotes: [
          'WARNING: Event retrieved from the cluster: Failed to pull image "registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-v18.0.2": rpc error: code = NotFound desc = failed to pull and unpack image "registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-v18.0.2": no match for platform in manifest: not found',
          'WARNING: Event retrieved from the cluster: Error: ErrImagePull',
        ],
        failure:
          'ERROR: Job failed (system failure): prepare environment: waiting for pod running: timed out waiting for pod to start',
      },
      needle: 'no match for platform in manifest',
      facts: { helperArch: 'x86_64' },
    },
    {
      name: 'a single-architecture job image on the other nodes (exec format error)',
      job: {
        executor: 'kubernetes',
        image: 'registry.example.com/tools/builder:1.2',
        result: 'failed',
        steps: [{ run: 'make image', out: ['exec /usr/bin/make: exec format error'] }],
      },
      needle: 'exec /usr/bin/make: exec format error',
    },
    {
      name: 'containerd wording for a missing platform',
      job: {
        executor: 'kubernetes',
        image: 'registry.example.com/tools/builder:1.2',
        result: 'system',
        steps: [],
        serviceNotes: [
          'WARNING: Event retrieved from the cluster: Failed to pull image "registry.example.com/tools/builder:1.2": no matching manifest for linux/arm64/v8 in the manifest list entries',
        ],
        failure:
          'ERROR: Job failed (system failure): prepare environment: waiting for pod running: timed out waiting for pod to start',
      },
      needle: 'no matching manifest for linux/arm64/v8 in the manifest list entries',
      facts: { platform: 'linux/arm64/v8' },
    },
  ],
  'rootless-no-subuid': [
    {
      name: 'Podman on Kubernetes as a UID without ranges (podman_gitlab)',
      job: {
        executor: 'kubernetes',
        image: 'quay.io/containers/podman:v4.4',
        result: 'failed',
        steps: [
          {
            run: 'podman --storage-driver=vfs build --isolation chroot -t $APP -f ./Dockerfile --no-cache',
            out: [
              'time="2023-04-03T09:21:40Z" level=warning msg="Using rootless single mapping into the namespace. This might break some images. Check /etc/subuid and /etc/subgid for adding sub*ids if not using a network user"',
              'Error: cannot write uid_map: write /proc/55/uid_map: operation not permitted',
            ],
          },
        ],
      },
      needle: 'Error: cannot write uid_map: write /proc/55/uid_map: operation not permitted',
    },
    {
      name: 'Buildah as an OpenShift random UID',
      job: {
        executor: 'kubernetes',
        image: 'quay.io/buildah/stable:v1.43',
        result: 'failed',
        steps: [
          {
            run: 'buildah build --tag "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
            out: [
              'WARN[0000] Using rootless single mapping into the namespace. This might break some images. Check /etc/subuid and /etc/subgid for adding sub*ids if not using a network user',
              'Error: cannot write uid_map: write /proc/21/uid_map: Operation not permitted',
            ],
          },
        ],
      },
      needle: 'cannot write uid_map: write /proc/21/uid_map: Operation not permitted',
    },
    {
      name: 'too few IDs for the image',
      job: {
        executor: 'kubernetes',
        image: 'quay.io/podman/stable:v5.6',
        result: 'failed',
        steps: [
          {
            run: 'podman build --tag "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
            out: [
              'Error: writing blob: adding layer with blob "sha256:5f70bf18a086": processing tar file(potentially insufficient UIDs or GIDs available in user namespace (requested 0:42 for /etc/shadow): Check /etc/subuid and /etc/subgid if configured locally and run "podman system migrate": lchown /etc/shadow: invalid argument): exit status 1',
            ],
          },
        ],
      },
      needle: 'potentially insufficient UIDs or GIDs available in user namespace',
    },
  ],
  'dind-push-blob-unknown': [
    {
      name: 'dind 29.7.1, docker push of an image sharing base layers with a sibling repository',
      job: dind({
        image: 'docker:29.7.1-cli',
        services: ['docker:29.7.1-dind'],
        steps: [
          {
            run: 'docker build --tag "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
            out: ['#7 naming to registry.example.com/group/app done'],
          },
          {
            run: 'docker push "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA"',
            out: [
              'The push refers to repository [registry.example.com/group/app]',
              '5f70bf18a086: Preparing',
              'a3ed95caeb02: Preparing',
              'a3ed95caeb02: Layer already exists',
              '5f70bf18a086: Pushed',
              'blob unknown to registry - sha256:0c7e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f',
            ],
          },
        ],
        out: [],
      }),
      needle: 'blob unknown to registry',
    },
    {
      name: 'host daemon 29.7.2 (shell runner), registry wording "manifest blob unknown"',
      job: {
        executor: 'shell',
        result: 'failed',
        steps: [
          {
            run: 'docker push "$CI_REGISTRY_IMAGE/api:$CI_COMMIT_SHORT_SHA"',
            out: [
              'The push refers to repository [registry.gitlab.com/acme/platform/api]',
              '4caf4941d407: Mounted from acme/platform/web',
              '80e222f82876: Layer already exists',
              'manifest blob unknown: blob unknown to registry',
            ],
          },
        ],
      },
      needle: 'manifest blob unknown: blob unknown to registry',
    },
    {
      name: 'GitLab-hosted runner, dind 29.7.0, "error from registry" wording (moby/moby#53293 report)',
      job: dind({
        executor: 'hosted',
        image: 'docker:29.7.0-cli',
        services: ['docker:29.7.0-dind'],
        steps: [
          {
            run: 'docker push "$CI_REGISTRY_IMAGE/web:$CI_COMMIT_SHORT_SHA"',
            out: [
              'The push refers to repository [registry.example.com:5050/acme/platform/web]',
              '2014b3ce107f: Layer already exists',
              '4caf4941d407: Mounted from acme/platform/api',
              'error from registry: blob unknown to registry - sha256:9eee3692f09e2e8c662248b483b7ffc050fec94dbca3a0aac36098b2cc2bd818',
            ],
          },
        ],
        out: [],
      }),
      needle: 'error from registry: blob unknown to registry',
      facts: { digest: '9eee3692f09e2e8c662248b483b7ffc050fec94dbca3a0aac36098b2cc2bd818' },
    },
  ],
  'buildx-attestation-blob-unknown': [
    {
      name: 'floating docker-container builder (BuildKit 0.32) pushing to the GitLab registry',
      job: dind({
        steps: [
          { run: 'docker buildx create --name builder --driver docker-container --use tls-env', out: ['builder'] },
          {
            run: 'docker buildx build --tag "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" --push .',
            out: [
              '#1 [internal] booting buildkit',
              '#1 pulling image moby/buildkit:buildx-stable-1',
              '#12 exporting to image',
              '#12 exporting manifest sha256:3c983e1bd99140d42eaa2a9f17cc91a4feec1d13e0e42e2a98d9f6886082f966 done',
              '#12 exporting attestation manifest sha256:dcf9fa3c087246aef39131516e0350cd35adf144f2cf5b90f3eed4cad69896bc done',
              '#12 pushing layers 2.1s done',
              '#12 ERROR: failed to push registry.gitlab.com/acme/app:4f2a9c1e: unknown: blob unknown to registry - sha256:3c983e1bd99140d42eaa2a9f17cc91a4feec1d13e0e42e2a98d9f6886082f966',
              'ERROR: failed to build: failed to solve: failed to push registry.gitlab.com/acme/app:4f2a9c1e: unknown: blob unknown to registry - sha256:3c983e1bd99140d42eaa2a9f17cc91a4feec1d13e0e42e2a98d9f6886082f966',
            ],
          },
        ],
        out: [],
      }),
      needle: 'failed to push registry.gitlab.com/acme/app:4f2a9c1e: unknown: blob unknown to registry',
    },
    {
      name: 'Kubernetes executor, manifest pushed by digest, registry wording "manifest blob unknown"',
      job: {
        executor: 'kubernetes',
        image: 'docker:29.6.2-cli',
        services: ['docker:29.6.2-dind'],
        result: 'failed',
        steps: [
          {
            run: 'docker buildx build --platform linux/amd64,linux/arm64 --tag "$CI_REGISTRY_IMAGE:latest" --push .',
            out: [
              '#40 pushing manifest for registry.gitlab.com/test1716/test:latest@sha256:24315ad91bbd1adaccda5231791fbb02d9f3ee36800907359411b7c7cdba1719',
              '#40 ERROR: failed to push registry.gitlab.com/test1716/test:latest: manifest blob unknown: blob unknown to registry',
            ],
          },
        ],
      },
      needle: 'manifest blob unknown: blob unknown to registry',
    },
    {
      name: 'host daemon through the socket, a Buildx builder of BuildKit v0.32.1',
      job: {
        executor: 'docker',
        image: 'docker:29.6.2-cli',
        result: 'failed',
        steps: [
          {
            run: 'docker buildx build --tag "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" --push .',
            out: [
              '#0 building with "ci" instance using docker-container driver',
              '#9 exporting attestation manifest sha256:9b2bd7af0c3b6af640cea9cbd0998ade17afa04485810fa4720e40d466a68c8f 0.0s done',
              '#9 ERROR: failed to push registry.example.com:5050/group/app:1a2b3c4d: unknown: blob unknown to registry',
            ],
          },
        ],
      },
      needle: 'failed to push registry.example.com:5050/group/app:1a2b3c4d: unknown: blob unknown to registry',
    },
  ],
  'dind-iptables-backend': [
    {
      name: 'docker:24.0.7-dind (nf_tables) on a kernel without nf_tables: RULE_APPEND failed',
      job: dind({
        image: 'docker:24.0.7',
        services: ['docker:24.0.7-dind'],
        serviceNotes: SERVICE_NOT_STARTED('runner-zxwgkjap-project-51-concurrent-0-docker-0', [
          "ip: can't find device 'nf_tables'",
          'failed to start daemon: Error initializing network controller: error obtaining controller instance: unable to add return rule in DOCKER-ISOLATION-STAGE-1 chain:  (iptables failed: iptables --wait -A DOCKER-ISOLATION-STAGE-1 -j RETURN: iptables v1.8.10 (nf_tables):  RULE_APPEND failed (No such file or directory): rule in chain DOCKER-ISOLATION-STAGE-1',
        ]),
        out: [
          ...DOCKER_INFO_CLIENT,
          'error during connect: Get "http://docker:2375/v1.43/info": dial tcp: lookup docker on 169.254.169.254:53: no such host',
        ],
      }),
      needle: 'RULE_APPEND failed (No such file or directory)',
      facts: { backend: 'nf_tables' },
      also: ['dind-startup-healthcheck', 'dind-hostname-unresolved'],
    },
    {
      name: 'Kubernetes node without the nat table for nf_tables: TABLE_ADD failed (Not supported)',
      job: {
        executor: 'kubernetes',
        image: 'docker:25.0.3-cli',
        services: ['docker:25.0.3-dind'],
        result: 'failed',
        serviceNotes: [
          'failed to start daemon: Error initializing network controller: error obtaining controller instance: failed to register "bridge" driver: failed to create NAT chain DOCKER: iptables failed: iptables --wait -t nat -N DOCKER: iptables v1.8.10 (nf_tables): TABLE_ADD failed (Not supported): table nat',
        ],
        steps: [{ run: 'docker info', out: ['Client:', ' Version:    25.0.3'] }],
      },
      needle: 'TABLE_ADD failed (Not supported): table nat',
      facts: { backend: 'nf_tables' },
    },
    {
      name: 'iptables-legacy forced on a kernel without ip_tables: Table does not exist',
      job: dind({
        services: ['docker:28.5.1-dind'],
        image: 'docker:28.5.1-cli',
        serviceNotes: SERVICE_NOT_STARTED('runner-ab12cd34-project-7-concurrent-1-docker-0', [
          'failed to start daemon: Error initializing network controller: error obtaining controller instance: failed to register "bridge" driver: failed to create NAT chain DOCKER: iptables failed: iptables --wait -t nat -N DOCKER: iptables v1.8.11 (legacy): can\'t initialize iptables table `nat\': Table does not exist (do you need to insmod?)',
        ]),
        out: [
          ...DOCKER_INFO_CLIENT,
          'Cannot connect to the Docker daemon at tcp://docker:2376. Is the docker daemon running?',
        ],
      }),
      needle: 'Table does not exist (do you need to insmod?)',
      facts: { backend: 'legacy' },
      also: ['dind-startup-healthcheck', 'dind-tls-port-mismatch'],
    },
    {
      name: 'iptables-nft cannot read the rule set',
      job: dind({
        serviceNotes: SERVICE_NOT_STARTED('runner-ef56gh78-project-9-concurrent-0-docker-0', [
          'failed to start daemon: Error initializing network controller: error creating default "bridge" network: Failed to Setup IP tables: iptables v1.8.10 (nf_tables): Could not fetch rule set generation id: Invalid argument',
        ]),
        out: [
          ...DOCKER_INFO_CLIENT,
          'Cannot connect to the Docker daemon at tcp://docker:2376. Is the docker daemon running?',
        ],
      }),
      needle: 'Could not fetch rule set generation id',
      facts: { backend: 'nf_tables' },
      also: ['dind-startup-healthcheck', 'dind-tls-port-mismatch'],
    },
  ],
  'registry-plain-http': [
    {
      name: 'docker login through dind to a registry on 5001 (issue 13)',
      job: dind({
        run: 'echo "$REGISTRY_PASSWORD" | docker login -u "$REGISTRY_USER" --password-stdin 10.20.0.15:5001',
        out: [
          'Error response from daemon: Get "https://10.20.0.15:5001/v2/": http: server gave HTTP response to HTTPS client',
        ],
      }),
      needle: 'server gave HTTP response to HTTPS client',
      facts: { host: '10.20.0.15:5001' },
    },
    {
      name: 'docker push, default port, older wording without quotes',
      job: dind({
        run: 'docker push nexus.corp.example/team/app:1.2.3',
        out: [
          'The push refers to repository [nexus.corp.example/team/app]',
          'Get https://nexus.corp.example/v2/: http: server gave HTTP response to HTTPS client',
        ],
      }),
      needle: 'Get https://nexus.corp.example/v2/',
      facts: { host: 'nexus.corp.example' },
    },
    {
      name: 'BuildKit pushing an image',
      job: {
        executor: 'docker',
        image: 'moby/buildkit:v0.31.2-rootless',
        result: 'failed',
        steps: [
          {
            run: 'buildctl-daemonless.sh build --frontend dockerfile.v0 --local context=. --local dockerfile=. --output type=image,name=registry.lan:5000/app:1,push=true',
            out: [
              '#9 exporting to image',
              '#9 pushing layers',
              '#9 ERROR: failed to push registry.lan:5000/app:1: failed to do request: Head "https://registry.lan:5000/v2/app/blobs/sha256:4f4fb700ef54": http: server gave HTTP response to HTTPS client',
            ],
          },
        ],
      },
      needle: 'failed to push registry.lan:5000/app:1',
      facts: { host: 'registry.lan:5000' },
    },
    {
      name: 'Podman pulling a base image (pinging the registry)',
      job: {
        executor: 'docker',
        image: 'quay.io/podman/stable:v5.6',
        result: 'failed',
        steps: [
          {
            run: 'podman build -t app .',
            out: [
              'STEP 1/3: FROM harbor.lan:8080/base/python:3.13',
              'Error: creating build container: initializing source docker://harbor.lan:8080/base/python:3.13: pinging container registry harbor.lan:8080: Get "https://harbor.lan:8080/v2/": http: server gave HTTP response to HTTPS client',
            ],
          },
        ],
      },
      needle: 'pinging container registry harbor.lan:8080',
      facts: { host: 'harbor.lan:8080' },
    },
  ],
  'short-name-no-tty': [
    {
      name: 'Buildah FROM ruby (issue 13)',
      job: {
        executor: 'docker',
        image: 'quay.io/buildah/stable:v1.43',
        result: 'failed',
        steps: [
          {
            run: 'buildah build --format docker --tag "$CI_REGISTRY_IMAGE/web:$CI_COMMIT_SHORT_SHA" .',
            out: [
              'STEP 1/23: FROM ruby:3.4.9',
              'Error: creating build container: short-name resolution enforced but cannot prompt without a TTY',
            ],
          },
        ],
      },
      needle: 'short-name resolution enforced but cannot prompt without a TTY',
    },
    {
      name: 'Podman pull on Kubernetes',
      job: {
        executor: 'kubernetes',
        image: 'quay.io/podman/stable:v5.6',
        result: 'failed',
        steps: [
          {
            run: 'podman pull node:22-alpine',
            out: ['Error: short-name resolution enforced but cannot prompt without a TTY'],
          },
        ],
      },
      needle: 'cannot prompt without a TTY',
    },
    {
      name: 'no unqualified-search registries at all',
      job: {
        executor: 'docker',
        image: 'registry.corp.example/tools/buildah:1.41',
        result: 'failed',
        steps: [
          {
            run: 'buildah bud -t app .',
            out: [
              'STEP 1/4: FROM alpine:3.22',
              'Error: creating build container: short-name "alpine:3.22" did not resolve to an alias and no unqualified-search registries are defined in "/etc/containers/registries.conf"',
            ],
          },
        ],
      },
      needle: 'did not resolve to an alias',
      facts: { name: 'alpine:3.22' },
    },
  ],
  'build-oom-killed': [
    {
      name: 'Kubernetes build container OOMKilled (kubernetes/kubernetes#135490)',
      job: {
        executor: 'kubernetes',
        image: 'moby/buildkit:v0.31.2-rootless',
        result: 'failed',
        steps: [
          {
            run: 'buildctl-daemonless.sh build --frontend dockerfile.v0 --local context=. --local dockerfile=.',
            out: ['#9 [build 4/6] RUN npm ci', '#9 41.07 npm warn deprecated inflight@1.0.6'],
          },
        ],
        failure: "ERROR: Job failed (system failure): Error in container build: exit code: 137, reason: 'OOMKilled'",
      },
      needle: "exit code: 137, reason: 'OOMKilled'",
      facts: { container: 'build' },
    },
    {
      name: 'dind service killed, BuildKit step exit code 137',
      job: {
        executor: 'docker',
        image: 'docker:29.6.2-cli',
        services: ['docker:29.6.2-dind'],
        result: 'failed',
        steps: BUILD_STEPS([
          '#12 [build 5/7] RUN ./gradlew assemble --no-daemon',
          '#12 88.41 > Task :compileJava',
          '#12 ERROR: process "/bin/sh -c ./gradlew assemble --no-daemon" did not complete successfully: exit code: 137',
          'ERROR: failed to build: failed to solve: process "/bin/sh -c ./gradlew assemble --no-daemon" did not complete successfully: exit code: 137',
        ]),
      },
      needle: 'did not complete successfully: exit code: 137',
    },
    {
      name: 'Buildah RUN step, exit status 137',
      job: {
        executor: 'docker',
        image: 'quay.io/buildah/stable:v1.43',
        result: 'failed',
        steps: [
          {
            run: 'buildah build --tag "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
            out: [
              'STEP 4/6: RUN cargo build --release',
              '   Compiling serde v1.0.228',
              'error building at STEP "RUN cargo build --release": error while running runtime: exit status 137',
            ],
          },
        ],
      },
      needle: 'exit status 137',
    },
    {
      name: 'the job container itself, Docker executor',
      job: {
        executor: 'docker',
        image: 'docker:29.6.2-cli',
        result: 'failed',
        steps: [{ run: 'docker build --tag app .', out: ['Step 3/5 : RUN make -j32'] }],
        failure: 'ERROR: Job failed: exit code 137',
      },
      needle: 'Job failed: exit code 137',
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------------

export const CLEAN_LOGS: { name: string; job: Job }[] = [
  {
    name: 'DinD with TLS: build and push',
    job: {
      executor: 'docker',
      services: ['docker:29.7.2-dind'],
      result: 'success',
      steps: [
        {
          run: 'docker info',
          out: [
            ...DOCKER_INFO_CLIENT,
            ' Containers: 0',
            ' Server Version: 29.7.2',
            ' Storage Driver: overlay2',
            '  Backing Filesystem: extfs',
            ' Security Options:',
            '  seccomp',
            '   Profile: builtin',
            ' Kernel Version: 6.8.0-1018-aws',
            ' Registry: https://index.docker.io/v1/',
            ' Insecure Registries:',
            '  127.0.0.0/8',
          ],
        },
        { run: 'ls /certs/client', out: ['ca.pem  cert.pem  key.pem'] },
        { run: 'openssl x509 -noout -subject -in /certs/client/cert.pem', out: ['subject=CN = client'] },
        {
          run: 'echo "$CI_REGISTRY_PASSWORD" | docker login "$CI_REGISTRY" --username "$CI_REGISTRY_USER" --password-stdin',
          out: [
            '',
            "WARNING! Your credentials are stored unencrypted in '/root/.docker/config.json'.",
            'Configure a credential helper to remove this warning. See',
            'https://docs.docker.com/go/credential-store/',
            '',
            'Login Succeeded',
          ],
        },
        {
          run: 'docker build --tag "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
          out: [
            '#0 building with "default" instance using docker driver',
            '#1 [internal] load build definition from Dockerfile',
            '#1 transferring dockerfile: 412B done',
            '#2 [internal] load metadata for docker.io/library/python:3.13-slim',
            '#2 DONE 1.2s',
            '#5 [2/4] RUN pip install --no-cache-dir -r requirements.txt',
            '#5 3.902 Collecting requests==2.32.3',
            '#5 9.114 Successfully installed certifi-2025.8.3 idna-3.10 requests-2.32.3 urllib3-2.5.0',
            '#6 [3/4] RUN pytest -q tests/test_auth.py',
            '#6 4.112 tests/test_auth.py::test_login_denied_without_token PASSED',
            '#6 4.113 tests/test_auth.py::test_access_denied_returns_403 PASSED',
            '#6 4.120 tests/test_tls.py::test_tls_handshake_uses_system_certs PASSED',
            '#8 exporting to image',
            '#8 naming to registry.gitlab.com/acme/app:4f2a9c1d done',
            '#8 DONE 0.4s',
          ],
        },
        {
          run: 'docker push "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA"',
          out: [
            'The push refers to repository [registry.gitlab.com/acme/app]',
            '5f70bf18a086: Pushed',
            'a3ed95caeb02: Layer already exists',
            '4f2a9c1d: digest: sha256:3b1f0e2d4c5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c size: 1573',
          ],
        },
      ],
    },
  },
  {
    name: 'socket binding on a Docker executor',
    job: {
      executor: 'docker',
      result: 'success',
      steps: [
        { run: 'docker version --format "{{.Server.Version}}"', out: ['29.7.2'] },
        { run: 'ls -l /var/run/docker.sock', out: ['srw-rw---- 1 root 998 0 Nov 20 09:58 /var/run/docker.sock'] },
        { run: 'cat /etc/shadow || true', out: ["cat: can't open '/etc/shadow': Permission denied"] },
        {
          run: 'docker build -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
          out: [
            '#0 building with "default" instance using docker driver',
            '#4 [2/3] COPY . /srv',
            '#5 exporting to image',
            '#5 DONE 0.2s',
          ],
        },
        {
          run: 'docker push "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA"',
          out: ['The push refers to repository [registry.gitlab.com/acme/app]', 'b2c3d4e5f6a7: Pushed'],
        },
      ],
    },
  },
  {
    name: 'buildx multi-platform with a docker-container builder',
    job: {
      executor: 'docker',
      services: ['docker:29.7.2-dind'],
      result: 'success',
      steps: [
        {
          run: 'docker run --privileged --rm tonistiigi/binfmt:qemu-v9.2.2 --install all',
          out: [
            'installing: arm64 OK',
            'installing: arm OK',
            '{',
            '  "supported": [',
            '    "linux/amd64",',
            '    "linux/arm64"',
            '  ]',
            '}',
          ],
        },
        { run: 'docker context create tls-env', out: ['tls-env', 'Successfully created context "tls-env"'] },
        {
          run: 'docker buildx create --name builder-8812 --driver docker-container --use tls-env',
          out: ['builder-8812'],
        },
        {
          run: 'docker buildx inspect --bootstrap',
          out: [
            '#1 [internal] booting buildkit',
            '#1 pulling image moby/buildkit:buildx-stable-1 2.1s done',
            '#1 creating container buildx_buildkit_builder-88120 0.6s done',
            'Name:          builder-8812',
            'Driver:        docker-container',
            'TLS:           verified',
            'Platforms:     linux/amd64, linux/arm64, linux/arm/v7',
          ],
        },
        {
          run: 'docker buildx build --platform linux/amd64,linux/arm64 --cache-from type=registry,ref=$CI_REGISTRY_IMAGE/cache:buildcache --cache-to type=registry,ref=$CI_REGISTRY_IMAGE/cache:buildcache,mode=max,image-manifest=true,oci-mediatypes=true --push -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
          out: [
            '#4 importing cache manifest from registry.gitlab.com/acme/app/cache:buildcache',
            '#4 DONE 0.8s',
            '#9 [linux/arm64 3/4] RUN go build -o /out/app ./cmd/app',
            '#9 CACHED',
            '#14 exporting to image',
            '#14 pushing layers 2.3s done',
            '#15 exporting cache to registry',
            '#15 writing manifest sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0 done',
          ],
        },
      ],
    },
  },
  {
    name: 'rootless BuildKit on Kubernetes',
    job: {
      executor: 'kubernetes',
      image: 'moby/buildkit:v0.31.2-rootless',
      result: 'success',
      steps: [
        { run: 'mkdir -p ~/.docker', out: [] },
        {
          run: 'buildctl-daemonless.sh build --frontend dockerfile.v0 --local context=. --local dockerfile=. --output type=image,name=$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA,push=true',
          out: [
            '#1 [internal] load build definition from Dockerfile',
            '#3 [internal] load metadata for docker.io/library/golang:1.25',
            '#7 [build 2/4] RUN go test ./...',
            '#7 5.212 ok   acme/app/internal/auth   0.113s  (TestTokenDenied, TestTLSConfig)',
            '#10 exporting to image',
            '#10 pushing layers 1.9s done',
            '#10 pushing manifest for registry.gitlab.com/acme/app:4f2a9c1d@sha256:1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d 0.3s done',
          ],
        },
      ],
    },
  },
  {
    name: 'Buildah with vfs and chroot',
    job: {
      executor: 'docker',
      image: 'quay.io/buildah/stable:v1.43',
      result: 'success',
      steps: [
        {
          run: 'echo "$CI_REGISTRY_PASSWORD" | buildah login "$CI_REGISTRY" --username "$CI_REGISTRY_USER" --password-stdin',
          out: ['Login Succeeded!'],
        },
        {
          run: 'buildah build --layers --tag "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
          out: [
            'STEP 1/4: FROM docker.io/library/alpine:3.22',
            'STEP 2/4: RUN apk add --no-cache ca-certificates',
            'OK: 8 MiB in 16 packages',
            'COMMIT registry.gitlab.com/acme/app:4f2a9c1d',
            '--> 7e6d5c4b3a29',
            'Successfully tagged registry.gitlab.com/acme/app:4f2a9c1d',
          ],
        },
        {
          run: 'buildah push "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA"',
          out: [
            'Getting image source signatures',
            'Copying blob sha256:0a1b2c3d',
            'Writing manifest to image destination',
          ],
        },
      ],
    },
  },
  {
    name: 'Podman build, registry with a custom CA configured',
    job: {
      executor: 'docker',
      image: 'quay.io/podman/stable:v5.6',
      result: 'success',
      steps: [
        { run: 'mkdir -p /etc/containers/certs.d/registry.example.com:5050', out: [] },
        { run: 'cp "$REGISTRY_CA_FILE" /etc/containers/certs.d/registry.example.com:5050/ca.crt', out: [] },
        {
          run: 'podman build -t registry.example.com:5050/grp/app:1.2.0 .',
          out: [
            'STEP 1/3: FROM registry.example.com:5050/base/debian:12',
            'Trying to pull registry.example.com:5050/base/debian:12...',
            'Getting image source signatures',
            'STEP 3/3: RUN update-ca-certificates',
            'Updating certificates in /etc/ssl/certs...',
            '0 added, 0 removed; done.',
            'COMMIT registry.example.com:5050/grp/app:1.2.0',
            'Successfully tagged registry.example.com:5050/grp/app:1.2.0',
          ],
        },
      ],
    },
  },
  {
    name: 'Windows container through the named pipe',
    job: {
      executor: 'docker-windows',
      result: 'success',
      steps: [
        {
          run: 'docker version',
          out: [
            'Client:',
            ' Version:           29.7.2',
            ' OS/Arch:           windows/amd64',
            '',
            'Server: Docker Engine - Community',
            ' Engine:',
            '  Version:          29.7.2',
            '  OS/Arch:          windows/amd64',
          ],
        },
        {
          run: 'docker build --tag "${env:CI_REGISTRY_IMAGE}:${env:CI_COMMIT_SHA}" .',
          out: [
            'Step 1/3 : FROM mcr.microsoft.com/windows/servercore:ltsc2022',
            ' ---> 3c2f1e0d9b8a',
            'Step 2/3 : RUN powershell -Command "Write-Host TLS 1.2 enabled"',
            'TLS 1.2 enabled',
            'Successfully built 5d4c3b2a1f0e',
            'Successfully tagged registry.gitlab.com/acme/winapp:4f2a9c1d',
          ],
        },
        {
          run: 'docker push "${env:CI_REGISTRY_IMAGE}:${env:CI_COMMIT_SHA}"',
          out: [
            'The push refers to repository [registry.gitlab.com/acme/winapp]',
            '4f2a9c1d: digest: sha256:aa11bb22 size: 2412',
          ],
        },
      ],
    },
  },
  {
    name: 'DinD on Kubernetes with the certificate volume and a proxy',
    job: {
      executor: 'kubernetes',
      services: ['docker:29.7.2-dind'],
      result: 'success',
      steps: [
        { run: 'until docker info >/dev/null 2>&1; do sleep 1; done', out: [] },
        { run: 'echo "NO_PROXY=$NO_PROXY"', out: ['NO_PROXY=docker,localhost,127.0.0.1,gitlab.corp.example'] },
        { run: 'docker info --format "{{.Driver}} {{.ServerVersion}}"', out: ['overlay2 29.7.2'] },
        {
          run: 'docker build --build-arg HTTP_PROXY --build-arg HTTPS_PROXY --build-arg NO_PROXY -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
          out: [
            '#0 building with "default" instance using docker driver',
            '#5 [2/3] RUN apt-get update',
            '#5 1.220 Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]',
            '#5 3.901 Reading package lists...',
            '#7 exporting to image',
            '#7 DONE 0.5s',
          ],
        },
        {
          run: 'docker compose --file docker-compose.test.yml up --detach --wait',
          out: [' Container acme-db-1  Healthy', ' Container acme-app-1  Started'],
        },
      ],
    },
  },
  {
    name: 'GitLab-hosted runner with the Dependency Proxy',
    job: {
      executor: 'hosted',
      services: ['${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/docker:29.7.2-dind'],
      image: '${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/docker:29.7.2-cli',
      result: 'success',
      steps: [
        {
          run: 'echo "$CI_DEPENDENCY_PROXY_PASSWORD" | docker login "$CI_DEPENDENCY_PROXY_SERVER" --username "$CI_DEPENDENCY_PROXY_USER" --password-stdin',
          out: ['Login Succeeded'],
        },
        {
          run: 'docker build --build-arg CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .',
          out: [
            '#2 [internal] load metadata for gitlab.com:443/acme/dependency_proxy/containers/node:22-alpine',
            '#2 DONE 0.9s',
            '#6 [3/4] RUN npm ci',
            '#6 12.4 added 312 packages, and audited 313 packages in 11s',
            '#6 12.4 found 0 vulnerabilities',
          ],
        },
      ],
    },
  },
];
