/**
 * One synthetic value per kind of credential that secrets.ts recognises (none is a real credential). The hostile
 * suites paste each into every field: each must be refused and reach no output.
 */
import type { SecretKind } from '../core/secrets';

export const SECRET_SAMPLES: Record<SecretKind, string> = {
  'gitlab-runner-token': 'glrt-t1_Zx8yQw3vB7nM2kL5pR9s',
  'gitlab-registration-token': 'GR1348941aB3dE5fG7hJ9kL1m',
  'gitlab-personal-token': 'glpat-Ab3De5Fg7Hj9Kl1Mn3Pq',
  'gitlab-deploy-token': 'gldt-Zx8yQw3vB7nM2kL5pR9s',
  'gitlab-other-token': 'glptt-0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b',
  'url-credentials': 'https://deploy:s3cr3tpass@registry.example.com',
  'docker-auth-blob': 'ZGVwbG95OnMzY3IzdHBhc3M=',
  'private-key': '-----BEGIN OPENSSH PRIVATE KEY-----',
  'aws-access-key': 'AKIAIOSFODNN7EXAMPLE',
  'gcp-key': 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q',
  'github-token': 'ghp_0123456789abcdefghijABCDEFGHIJ012345',
  'docker-hub-token': 'dckr_pat_2b3e36beeb386dfdaacb9b46004',
  'slack-token': 'xoxb-123456789012-abcdefABCDEF',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJlLXZhbHVl',
};

/** Other shapes of the same kinds: a legacy registration token without prefix, a pasted config.json fragment. */
export const MORE_SECRET_SAMPLES: string[] = [
  'x7Hq2LmP9vRt4KwZ8nBc',
  '{"auths":{"registry.example.com":{"auth":"ZGVwbG95OnMzY3IzdHBhc3M="}}}',
  'http://proxyuser:hunter2@proxy.example.com:3128',
  'ASIAY34FZKBOKMUTVV7A',
  'https://ci:p4ss/w0rd@registry.example.com',
  'https://ci:p@ss@registry.example.com',
  '-https://u:pw@registry.example.com',
];
