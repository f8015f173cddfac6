import { generateKeyPairSync, type KeyObject, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { canonicalJson, type LicenseFile, type LicensePayload } from '../../verify-license-file.js';

export interface SigningKeys {
  privateKey: KeyObject;
  publicKeyPem: string;
}

/** A new Ed25519 key pair for signing license files (L-10), as PEM for storage. */
export function generateSigningKeys(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function loadSigningKeys(privateKeyPem: string): SigningKeys {
  const privateKey = createPrivateKey(privateKeyPem);
  return { privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
}

/** L-10: signs a license payload; the vendor's software checks it with verifyLicenseFile. */
export function signLicenseFile(payload: LicensePayload, keys: SigningKeys): LicenseFile {
  const signature = sign(null, Buffer.from(canonicalJson(payload)), keys.privateKey).toString('base64url');
  return { format: 'clientele-license/1', alg: 'Ed25519', payload, signature };
}
