/** A release of a product (L-9): its version, the branch it belongs to, and when it came out. */
export interface ReleaseInfo {
  version: string;
  branch: string;
  /** 'YYYY-MM-DD' */
  releasedOn: string;
}

export interface VersionMarks {
  version: string;
  /** L-9: in the latest branch but not its latest version. */
  obsolete: boolean;
  /** L-9: in an earlier branch, or released more than one year ago. */
  outOfGuarantee: boolean;
  latest: boolean;
}

/** Compares dotted versions numerically segment by segment (4.10.0 > 4.9.3; 4.1 < 4.1.0). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : Number.NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : Number.NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) {
      if (nx !== ny) return nx < ny ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

/**
 * L-9: the marks shown next to each version wherever a version is chosen. `today` is the
 * support calendar's date ('YYYY-MM-DD'); "more than one year ago" means before the same day a year earlier.
 */
export function versionMarks(releases: ReleaseInfo[], today: string): VersionMarks[] {
  if (releases.length === 0) return [];
  const latestBranch = releases.map((r) => r.branch).reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
  const latestVersion = releases
    .filter((r) => r.branch === latestBranch)
    .map((r) => r.version)
    .reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const yearAgo = new Date(Date.UTC(y - 1, m - 1, d)).toISOString().slice(0, 10);
  return [...releases]
    .sort((a, b) => compareVersions(b.version, a.version))
    .map((r) => ({
      version: r.version,
      latest: r.version === latestVersion,
      obsolete: r.branch === latestBranch && r.version !== latestVersion,
      outOfGuarantee: r.branch !== latestBranch || r.releasedOn < yearAgo,
    }));
}
