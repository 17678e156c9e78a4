// Two-parameter logistic IRT: calibration (Bock–Aitkin EM), ability estimates (EAP), adaptive item choice
// and a simulator that compares adaptive with fixed-length tests.
import type { Difficulty } from './bank-schema.js';
import { createRandom, randomInt, type Random } from './random.js';
import {
  packResponses,
  type PackedResponses,
  type ResponseMatrix,
  type SparseResponses,
} from './statistics.js';

export interface ItemParams {
  a: number;
  b: number;
}

/** Nodes on the θ scale and weights that sum to 1; the weights are the N(0, 1) prior. */
export interface Quadrature {
  nodes: number[];
  weights: number[];
}

export const A_RANGE = [0.2, 4] as const;
export const B_RANGE = [-5, 5] as const;

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** P(correct | θ) = 1 / (1 + exp(−a(θ − b))). */
export function probability(a: number, b: number, theta: number): number {
  return 1 / (1 + Math.exp(-a * (theta - b)));
}

/** log σ(z) without overflow for large |z|. */
function logSigmoid(z: number): number {
  return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
}

/**
 * Evenly spaced nodes on [−6, 6] weighted by the normal density and normalised to sum 1 (not Gauss–Hermite:
 * the same evenly spaced nodes serve every posterior, however narrow or off-centre, and the rectangle rule on
 * a smooth, fast-decaying integrand is already accurate to many digits at spacing 0.2).
 */
export function quadrature(points = 61): Quadrature {
  if (!Number.isInteger(points) || points < 2)
    throw new RangeError(`quadrature needs ≥ 2 points, got ${points}`);
  const nodes: number[] = [];
  const raw: number[] = [];
  for (let q = 0; q < points; q++) {
    const theta = -6 + (12 * q) / (points - 1);
    nodes.push(theta);
    raw.push(Math.exp(-0.5 * theta * theta));
  }
  const total = raw.reduce((s, w) => s + w, 0);
  return { nodes, weights: raw.map((w) => w / total) };
}

const DEFAULT_GRID = quadrature(61);
/** EAP grid: finer than calibration's because a long test's posterior is narrow (SD ≈ 0.2). */
const EAP_GRID = quadrature(121);

/**
 * log P and log(1 − P) of every item at every node: item i's Q values of log P, then its Q values of log(1 − P),
 * so the row of a response to item i with mark x starts at (2i + 1 − x)·Q.
 */
function logTable(params: readonly ItemParams[], grid: Quadrature): Float64Array {
  const Q = grid.nodes.length;
  const table = new Float64Array(2 * params.length * Q);
  params.forEach(({ a, b }, i) => {
    for (let q = 0; q < Q; q++) {
      const z = a * (grid.nodes[q]! - b);
      table[2 * i * Q + q] = logSigmoid(z);
      table[(2 * i + 1) * Q + q] = logSigmoid(-z);
    }
  });
  return table;
}

/** Nodes whose log posterior is this far below the maximum carry under e^−40 ≈ 4·10⁻¹⁸ of its mass: skipped. */
const TAIL = 40;

/**
 * Per respondent, the nodes [lo, hi] worth computing, carried from one EM cycle to the next. With 40 responses
 * the posterior is narrow (SD ≈ 0.35): about 33 of the 61 nodes, so the E-step costs a little over half.
 */
interface Windows {
  lo: Int32Array;
  hi: Int32Array;
}

/**
 * Whether the prior's log-weights, at increasing nodes, are concave (the normal prior's are). Each response's
 * log-likelihood, log σ(±a(θ − b)), is concave in θ, so the log posterior then falls monotonically on each side
 * of its mode: once the end nodes of a window are TAIL below the window's maximum, so is every node outside it.
 */
function logConcave(grid: Quadrature): boolean {
  const { nodes, weights } = grid;
  if (!weights.every((w) => w > 0 && Number.isFinite(w))) return false;
  let slope = Infinity;
  for (let q = 1; q < nodes.length; q++) {
    const h = nodes[q]! - nodes[q - 1]!;
    if (!(h > 0)) return false;
    const next = (Math.log(weights[q]!) - Math.log(weights[q - 1]!)) / h;
    if (next > slope + 1e-9) return false;
    slope = next;
  }
  return true;
}

/**
 * Visits each respondent's posterior over the nodes (normalised in place in `post`, valid on nodes lo..hi, the
 * rest negligible) and returns the marginal log-likelihood. Respondents who saw nothing contribute log 1 = 0 and
 * are skipped. Without `windows` every node is computed; with them (and a log-concave prior) only each
 * respondent's window, widened node by node while an end is within TAIL of the maximum, then trimmed for the
 * next call to one node beyond the nodes within TAIL.
 */
function forEachPosterior(
  data: PackedResponses,
  params: readonly ItemParams[],
  grid: Quadrature,
  visit?: (start: number, end: number, post: Float64Array, lo: number, hi: number, rows: Int32Array) => void,
  windows?: Windows,
): number {
  const Q = grid.nodes.length;
  const table = logTable(params, grid);
  const logW = Float64Array.from(grid.weights, (w) => Math.log(w));
  const { offsets, items, marks } = data;
  const narrow = windows !== undefined && logConcave(grid);
  const post = new Float64Array(Q);
  // Where each of the current respondent's responses starts in logTable.
  let rows = new Int32Array(64);
  // The log posterior at one node, summed in the same order as the whole-window loop below.
  const atNode = (m: number, q: number): number => {
    let v = logW[q]!;
    for (let s = 0; s < m; s++) v += table[rows[s]! + q]!;
    return v;
  };
  let logLik = 0;
  const respondents = offsets.length - 1;
  for (let r = 0; r < respondents; r++) {
    const start = offsets[r]!;
    const end = offsets[r + 1]!;
    if (start === end) continue;
    const m = end - start;
    if (rows.length < m) rows = new Int32Array(2 * m);
    for (let s = 0; s < m; s++) rows[s] = (2 * items[start + s]! + 1 - marks[start + s]!) * Q;
    let lo = narrow ? windows.lo[r]! : 0;
    let hi = narrow ? windows.hi[r]! : Q - 1;
    for (let q = lo; q <= hi; q++) post[q] = logW[q]!;
    for (let s = 0; s < m; s++) {
      const row = rows[s]!;
      for (let q = lo; q <= hi; q++) post[q]! += table[row + q]!;
    }
    let max = -Infinity;
    for (let q = lo; q <= hi; q++) if (post[q]! > max) max = post[q]!;
    if (narrow) {
      // A higher maximum only lowers the other end relative to it, so one sweep per side suffices.
      while (lo > 0 && post[lo]! > max - TAIL) {
        post[--lo] = atNode(m, lo);
        max = Math.max(max, post[lo]!);
      }
      while (hi < Q - 1 && post[hi]! > max - TAIL) {
        post[++hi] = atNode(m, hi);
        max = Math.max(max, post[hi]!);
      }
      let first = lo;
      while (post[first]! < max - TAIL) first++;
      let last = hi;
      while (post[last]! < max - TAIL) last--;
      windows.lo[r] = Math.max(0, first - 1);
      windows.hi[r] = Math.min(Q - 1, last + 1);
    }
    let sum = 0;
    for (let q = lo; q <= hi; q++) {
      const e = Math.exp(post[q]! - max);
      post[q] = e;
      sum += e;
    }
    logLik += max + Math.log(sum);
    if (visit === undefined) continue;
    for (let q = lo; q <= hi; q++) post[q] = post[q]! / sum;
    visit(start, end, post, lo, hi, rows);
  }
  return logLik;
}

/**
 * Every respondent's window at first: the prior's mode, widened on the first pass to wherever the posterior has
 * mass (a node at a time costs the same as a node of the whole-window loop).
 */
function initialWindows(respondents: number, grid: Quadrature): Windows {
  let mode = 0;
  grid.weights.forEach((w, q) => {
    if (w > grid.weights[mode]!) mode = q;
  });
  return { lo: new Int32Array(respondents).fill(mode), hi: new Int32Array(respondents).fill(mode) };
}

/**
 * Marginal log-likelihood of the responses (dense or sparse) under item parameters given in the order of
 * `itemIds`.
 */
export function marginalLogLik(
  input: ResponseMatrix | SparseResponses,
  items: readonly ItemParams[],
  grid: Quadrature = DEFAULT_GRID,
): number {
  if (items.length !== input.itemIds.length) {
    throw new RangeError(`expected ${input.itemIds.length} item parameter sets, got ${items.length}`);
  }
  return forEachPosterior(packResponses(input), items, grid);
}

/** Gaussian penalties on log a and b (Bayes modal estimation); null = plain marginal maximum likelihood. */
export interface CalibrationPrior {
  logASd: number;
  bSd: number;
}

/** The weak prior `calibrate --prior` applies: log a ~ N(0, 1), b ~ N(0, 3²). */
export const DEFAULT_PRIOR: CalibrationPrior = { logASd: 1, bSd: 3 };

/** Above this many calibrated items the standard errors use each item's own block of the information. */
export const FULL_SE_MAX_ITEMS = 300;

export interface CalibrateOptions {
  /** Items with fewer responses keep their prior values (default 30). */
  minResponses?: number;
  /** Known parameters: the values kept for thin items, and starting values for the rest. */
  priors?: Record<string, ItemParams>;
  /** Cap on EM cycles (default 2000); `converged` is false when it is reached. */
  maxIterations?: number;
  /** Converged when no calibrated parameter moves by this much in an EM cycle (default 1e-6)... */
  tolerance?: number;
  /** ...and the log-likelihood rises by less than this (default 1e-6). */
  logLikTolerance?: number;
  /** Default null: plain marginal maximum likelihood. */
  prior?: CalibrationPrior | null;
  grid?: Quadrature;
  /** Full information matrix up to this many calibrated items (default FULL_SE_MAX_ITEMS). */
  fullSeMaxItems?: number;
  /** Called after every EM cycle (progress). */
  onCycle?: (cycle: number, logLik: number) => void;
}

/** Why an item kept its starting values: too few responses, or every response the same (no finite estimate). */
export type UncalibratedReason = 'too-few-responses' | 'all-correct' | 'all-wrong';

export interface CalibratedItem extends ItemParams {
  id: string;
  /** Standard errors from the observed information; null when not calibrated or the information is singular. */
  seA: number | null;
  seB: number | null;
  n: number;
  calibrated: boolean;
  /** Null when calibrated. */
  reason: UncalibratedReason | null;
}

/**
 * How the standard errors were computed: `full` inverts the observed information of all calibrated parameters
 * together (Louis's identity); `per-item` inverts each item's 2×2 block, ignoring the covariance between items
 * (used above FULL_SE_MAX_ITEMS, or if the full matrix is singular); `none` when nothing was calibrated.
 */
export type SeMethod = 'full' | 'per-item' | 'none';

export interface Calibration {
  model: '2PL';
  /** Marginal log-likelihood at the estimates, over the responses in the fit. */
  logLik: number;
  iterations: number;
  converged: boolean;
  /** Whether a prior was applied (Bayes modal estimate) rather than plain maximum likelihood. */
  prior: CalibrationPrior | null;
  seMethod: SeMethod;
  items: CalibratedItem[];
}

/** Expected-data objective of one item in the M-step: Σ_q r log P + (n − r) log(1 − P) + penalty. */
function itemObjective(
  a: number,
  b: number,
  nodes: readonly number[],
  nq: Float64Array,
  rq: Float64Array,
  base: number,
  prior: CalibrationPrior | null,
): number {
  let f = 0;
  for (let q = 0; q < nodes.length; q++) {
    const z = a * (nodes[q]! - b);
    const r = rq[base + q]!;
    f += r * logSigmoid(z) + (nq[base + q]! - r) * logSigmoid(-z);
  }
  if (prior !== null) f -= Math.log(a) ** 2 / (2 * prior.logASd ** 2) + b ** 2 / (2 * prior.bSd ** 2);
  return f;
}

/**
 * M-step for one item: Fisher scoring on (a, b) with step halving, so the objective never decreases and the
 * 2×2 system stays positive definite even far from the optimum.
 */
function maximiseItem(
  start: ItemParams,
  nodes: readonly number[],
  nq: Float64Array,
  rq: Float64Array,
  base: number,
  prior: CalibrationPrior | null,
): ItemParams {
  let { a, b } = start;
  let f = itemObjective(a, b, nodes, nq, rq, base, prior);
  for (let step = 0; step < 50; step++) {
    let ga = 0;
    let gb = 0;
    let iaa = 0;
    let iab = 0;
    let ibb = 0;
    for (let q = 0; q < nodes.length; q++) {
      const d = nodes[q]! - b;
      const p = probability(a, b, nodes[q]!);
      const n = nq[base + q]!;
      const resid = rq[base + q]! - n * p;
      const w = n * p * (1 - p);
      ga += resid * d;
      gb -= resid * a;
      iaa += w * d * d;
      iab -= w * a * d;
      ibb += w * a * a;
    }
    if (prior !== null) {
      const s2 = prior.logASd ** 2;
      ga -= Math.log(a) / (s2 * a);
      iaa += 1 / (s2 * a * a);
      gb -= b / prior.bSd ** 2;
      ibb += 1 / prior.bSd ** 2;
    }
    // A ridge keeps the solve defined when an item's expected counts are all at one node.
    iaa += 1e-12;
    ibb += 1e-12;
    const det = iaa * ibb - iab * iab;
    let da = (ibb * ga - iab * gb) / det;
    let db = (iaa * gb - iab * ga) / det;
    let accepted = false;
    for (let halving = 0; halving < 30; halving++) {
      const na = clamp(a + da, A_RANGE[0], A_RANGE[1]);
      const nb = clamp(b + db, B_RANGE[0], B_RANGE[1]);
      const nf = itemObjective(na, nb, nodes, nq, rq, base, prior);
      if (nf >= f) {
        const moved = Math.max(Math.abs(na - a), Math.abs(nb - b));
        a = na;
        b = nb;
        f = nf;
        accepted = moved > 1e-12;
        break;
      }
      da /= 2;
      db /= 2;
    }
    if (!accepted) break;
  }
  return { a, b };
}

/**
 * Starting values: the supplied prior, else a = 1 and, for items about to be calibrated, b from the logit of the
 * proportion correct (items that stay uncalibrated keep the neutral b = 0).
 */
function startValues(
  data: PackedResponses,
  right: Float64Array,
  priors: Record<string, ItemParams>,
  calibrated: readonly boolean[],
): ItemParams[] {
  return data.itemIds.map((id, i) => {
    const known = priors[id];
    if (known !== undefined) return { a: known.a, b: known.b };
    if (!calibrated[i]) return { a: 1, b: 0 };
    const n = data.perItem[i]!;
    const p = (right[i]! + 0.5) / (n + 1);
    return { a: 1, b: clamp(-Math.log(p / (1 - p)), B_RANGE[0], B_RANGE[1]) };
  });
}

/** The responses without those to the excluded items (their marks carry no information on a finite scale). */
function withoutItems(data: PackedResponses, excluded: readonly boolean[]): PackedResponses {
  if (!excluded.some(Boolean)) return data;
  const rows = data.offsets.length - 1;
  const offsets = new Uint32Array(rows + 1);
  const items = new Uint32Array(data.items.length);
  const marks = new Uint8Array(data.items.length);
  let t = 0;
  for (let r = 0; r < rows; r++) {
    for (let s = data.offsets[r]!; s < data.offsets[r + 1]!; s++) {
      if (excluded[data.items[s]!]) continue;
      items[t] = data.items[s]!;
      marks[t++] = data.marks[s]!;
    }
    offsets[r + 1] = t;
  }
  return {
    ...data,
    offsets,
    items: items.subarray(0, t),
    marks: marks.subarray(0, t),
    complete: false,
  };
}

/**
 * Observed information of the calibrated parameters at the solution, by Louis's identity: per respondent,
 * I = E[−∂²ℓ] − E[s sᵀ] + E[s] E[s]ᵀ under the posterior, s the complete-data score. With `full`, every pair of
 * items a respondent answered adds its cross block (the covariance between items' estimates); otherwise only
 * each item's own 2×2 block is kept. Returns the information as a dense matrix over the calibrated parameters
 * (a₁, b₁, a₂, b₂, …) and the marginal log-likelihood.
 */
function observedInformation(
  data: PackedResponses,
  params: readonly ItemParams[],
  column: Int32Array,
  columnItem: Int32Array,
  size: number,
  grid: Quadrature,
  full: boolean,
  windows: Windows,
): { logLik: number; info: Float64Array } {
  const Q = grid.nodes.length;
  const k = params.length;
  const P = new Float64Array(k * Q);
  params.forEach(({ a, b }, i) => {
    for (let q = 0; q < Q; q++) P[i * Q + q] = probability(a, b, grid.nodes[q]!);
  });
  const n2 = 2 * size;
  // Dense 2c × 2c when full; else three numbers per item (aa, ab, bb).
  const info = new Float64Array(full ? n2 * n2 : 3 * size);
  // Per response of the current respondent: its item's column, the posterior-weighted residuals w·(x − P) on the
  // window, and the expected score E[s].
  let cols = new Int32Array(64);
  let wr = new Float64Array(64 * Q);
  let rr = new Float64Array(64 * Q);
  let ea = new Float64Array(64);
  let eb = new Float64Array(64);
  const logLik = forEachPosterior(
    data,
    params,
    grid,
    (start, end, post, lo, hi) => {
      const m = end - start;
      if (cols.length < m) {
        cols = new Int32Array(2 * m);
        wr = new Float64Array(2 * m * Q);
        rr = new Float64Array(2 * m * Q);
        ea = new Float64Array(2 * m);
        eb = new Float64Array(2 * m);
      }
      let used = 0;
      for (let t = start; t < end; t++) {
        const i = data.items[t]!;
        const j = column[i]!;
        if (j < 0) continue;
        const { a, b } = params[i]!;
        const x = data.marks[t]!;
        let sa = 0;
        let sb = 0;
        let haa = 0;
        let hab = 0;
        let hbb = 0;
        const row = used * Q;
        for (let q = lo; q <= hi; q++) {
          const w = post[q]!;
          const p = P[i * Q + q]!;
          const d = grid.nodes[q]! - b;
          const resid = x - p;
          const pq = p * (1 - p);
          rr[row + q] = resid;
          wr[row + q] = w * resid;
          // Score s = resid·(d, −a); −∂s = pq·∇z∇zᵀ + resid·[[0, 1], [1, 0]] (∂²z/∂a∂b = −1).
          const ua = resid * d;
          const ub = -resid * a;
          sa += w * ua;
          sb += w * ub;
          haa += w * (pq * d * d - ua * ua);
          hab += w * (-pq * a * d + resid - ua * ub);
          hbb += w * (pq * a * a - ub * ub);
        }
        cols[used] = j;
        ea[used] = sa;
        eb[used] = sb;
        used++;
        if (full) {
          const ia = 2 * j;
          info[ia * n2 + ia] = info[ia * n2 + ia]! + haa + sa * sa;
          info[ia * n2 + ia + 1] = info[ia * n2 + ia + 1]! + hab + sa * sb;
          info[(ia + 1) * n2 + ia] = info[(ia + 1) * n2 + ia]! + hab + sa * sb;
          info[(ia + 1) * n2 + ia + 1] = info[(ia + 1) * n2 + ia + 1]! + hbb + sb * sb;
        } else {
          info[3 * j] = info[3 * j]! + haa + sa * sa;
          info[3 * j + 1] = info[3 * j + 1]! + hab + sa * sb;
          info[3 * j + 2] = info[3 * j + 2]! + hbb + sb * sb;
        }
      }
      if (!full) return;
      // Cross blocks: −E[s_t s_uᵀ] + E[s_t] E[s_u]ᵀ, from the moments Σ w r_t r_u θ^p, p = 0, 1, 2.
      for (let t = 0; t < used; t++) {
        const jt = cols[t]!;
        const { a: at, b: bt } = params[columnItem[jt]!]!;
        for (let u = t + 1; u < used; u++) {
          const ju = cols[u]!;
          const { a: au, b: bu } = params[columnItem[ju]!]!;
          let m0 = 0;
          let m1 = 0;
          let m2 = 0;
          const rt = t * Q;
          const ru = u * Q;
          for (let q = lo; q <= hi; q++) {
            const v = wr[rt + q]! * rr[ru + q]!;
            const th = grid.nodes[q]!;
            m0 += v;
            m1 += v * th;
            m2 += v * th * th;
          }
          const aa = -(m2 - (bt + bu) * m1 + bt * bu * m0) + ea[t]! * ea[u]!;
          const ab = au * (m1 - bt * m0) + ea[t]! * eb[u]!;
          const ba = at * (m1 - bu * m0) + eb[t]! * ea[u]!;
          const bb = -at * au * m0 + eb[t]! * eb[u]!;
          const r0 = 2 * jt;
          const c0 = 2 * ju;
          info[r0 * n2 + c0] = info[r0 * n2 + c0]! + aa;
          info[r0 * n2 + c0 + 1] = info[r0 * n2 + c0 + 1]! + ab;
          info[(r0 + 1) * n2 + c0] = info[(r0 + 1) * n2 + c0]! + ba;
          info[(r0 + 1) * n2 + c0 + 1] = info[(r0 + 1) * n2 + c0 + 1]! + bb;
          info[c0 * n2 + r0] = info[c0 * n2 + r0]! + aa;
          info[(c0 + 1) * n2 + r0] = info[(c0 + 1) * n2 + r0]! + ab;
          info[c0 * n2 + r0 + 1] = info[c0 * n2 + r0 + 1]! + ba;
          info[(c0 + 1) * n2 + r0 + 1] = info[(c0 + 1) * n2 + r0 + 1]! + bb;
        }
      }
    },
    windows,
  );
  return { logLik, info };
}

/** The inverse of a symmetric positive-definite matrix's diagonal, by Cholesky; null if not positive definite. */
export function inverseDiagonal(matrix: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = matrix[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! ** 2;
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let v = matrix[i * n + j]!;
      for (let k = 0; k < j; k++) v -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = v / ljj;
    }
  }
  // diag(A⁻¹) = Σ_k (L⁻¹)_{k,i}²: solve L x = e_i column by column.
  const out = new Float64Array(n);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x.fill(0);
    x[i] = 1 / l[i * n + i]!;
    let sum = x[i]! ** 2;
    for (let r = i + 1; r < n; r++) {
      let v = 0;
      for (let k = i; k < r; k++) v -= l[r * n + k]! * x[k]!;
      x[r] = v / l[r * n + r]!;
      sum += x[r]! ** 2;
    }
    out[i] = sum;
  }
  return out;
}
/**
 * Marginal maximum likelihood by Bock–Aitkin EM (Bayes modal with `prior`). Items whose responses are all right
 * or all wrong have no finite estimate: they are left out of the fit and keep their starting values. Stops when
 * both the parameters and the log-likelihood settle, or at the cycle cap (then `converged` is false).
 */
export function calibrate2PL(
  input: ResponseMatrix | SparseResponses,
  options: CalibrateOptions = {},
): Calibration {
  const minResponses = options.minResponses ?? 30;
  const priors = options.priors ?? {};
  const maxIterations = options.maxIterations ?? 2000;
  const tolerance = options.tolerance ?? 1e-6;
  const logLikTolerance = options.logLikTolerance ?? 1e-6;
  const prior = options.prior ?? null;
  const grid = options.grid ?? DEFAULT_GRID;
  const Q = grid.nodes.length;
  const packed = packResponses(input);
  const k = packed.itemIds.length;
  const right = new Float64Array(k);
  for (let t = 0; t < packed.items.length; t++) right[packed.items[t]!]! += packed.marks[t]!;
  const reasons = packed.itemIds.map((_, i): UncalibratedReason | null => {
    const n = packed.perItem[i]!;
    if (n > 0 && right[i] === n) return 'all-correct';
    if (n > 0 && right[i] === 0) return 'all-wrong';
    return n < minResponses ? 'too-few-responses' : null;
  });
  const calibrated = reasons.map((r) => r === null);
  const data = withoutItems(
    packed,
    reasons.map((r) => r === 'all-correct' || r === 'all-wrong'),
  );
  let params = startValues(packed, right, priors, calibrated);
  const nq = new Float64Array(k * Q);
  const rq = new Float64Array(k * Q);
  // Expected right and wrong answers per item and node, laid out like logTable's rows.
  const expected = new Float64Array(2 * k * Q);
  const windows = initialWindows(data.offsets.length - 1, grid);

  // One EM cycle from `from`: the objective (log-likelihood, plus the log prior if any) at `from`, the parameters
  // after the M-step, and how far they moved.
  const logPrior = (at: readonly ItemParams[]): number => {
    if (prior === null) return 0;
    let sum = 0;
    at.forEach(({ a, b }, i) => {
      if (calibrated[i]) sum -= Math.log(a) ** 2 / (2 * prior.logASd ** 2) + b ** 2 / (2 * prior.bSd ** 2);
    });
    return sum;
  };
  const cycle = (from: readonly ItemParams[]): { objective: number; next: ItemParams[]; change: number } => {
    // E-step: expected respondents (nq) and expected correct answers (rq) of each item at each node, over
    // the presented items only, each response adding its posterior to one row.
    expected.fill(0);
    const logLik = forEachPosterior(
      data,
      from,
      grid,
      (start, end, post, lo, hi, rows) => {
        for (let s = 0; s < end - start; s++) {
          const row = rows[s]!;
          for (let q = lo; q <= hi; q++) expected[row + q]! += post[q]!;
        }
      },
      windows,
    );
    for (let i = 0; i < k; i++) {
      for (let q = 0; q < Q; q++) {
        const r = expected[2 * i * Q + q]!;
        rq[i * Q + q] = r;
        nq[i * Q + q] = r + expected[(2 * i + 1) * Q + q]!;
      }
    }
    // M-step: each item on its own, since the expected complete-data likelihood separates by item.
    let change = 0;
    const next = from.map((current, i) => {
      if (!calibrated[i]) return current;
      const moved = maximiseItem(current, grid.nodes, nq, rq, i * Q, prior);
      change = Math.max(change, Math.abs(moved.a - current.a), Math.abs(moved.b - current.b));
      return moved;
    });
    return { objective: logLik + logPrior(from), next, change };
  };

  // EM accelerated by SQUAREM (Varadhan & Roland, 2008, scheme S3): two EM cycles give a direction, a step
  // along it is taken when it does not lower the objective, else the plain second cycle is kept. Convergence is
  // judged on every cycle: the parameters move by less than `tolerance` and the objective by less than
  // `logLikTolerance` since the previous cycle.
  let iterations = 0;
  let converged = false;
  let previous = -Infinity;
  const step = (from: readonly ItemParams[]): ReturnType<typeof cycle> => {
    const result = cycle(from);
    iterations++;
    converged = result.change < tolerance && Math.abs(result.objective - previous) < logLikTolerance;
    previous = result.objective;
    options.onCycle?.(iterations, result.objective);
    return result;
  };
  while (iterations < maxIterations && !converged) {
    const x0 = params;
    const first = step(x0);
    params = first.next;
    if (converged || iterations >= maxIterations) break;
    const x1 = first.next;
    const second = step(x1);
    const x2 = second.next;
    params = x2;
    if (converged || iterations >= maxIterations) break;
    // r = x1 − x0 and v = x2 − 2·x1 + x0 over the calibrated parameters; step length α = −|r| / |v|.
    let rr = 0;
    let vv = 0;
    for (let i = 0; i < k; i++) {
      if (!calibrated[i]) continue;
      for (const key of ['a', 'b'] as const) {
        const r = x1[i]![key] - x0[i]![key];
        const v = x2[i]![key] - 2 * x1[i]![key] + x0[i]![key];
        rr += r * r;
        vv += v * v;
      }
    }
    if (!(rr > 0 && vv > 0)) continue;
    const alpha = Math.min(-1, -Math.sqrt(rr / vv));
    if (alpha === -1) continue; // the step is x2 itself
    const along = (key: 'a' | 'b', i: number): number =>
      x0[i]![key] -
      2 * alpha * (x1[i]![key] - x0[i]![key]) +
      alpha * alpha * (x2[i]![key] - 2 * x1[i]![key] + x0[i]![key]);
    const trial = x0.map((p, i) =>
      calibrated[i]
        ? {
            a: clamp(along('a', i), A_RANGE[0], A_RANGE[1]),
            b: clamp(along('b', i), B_RANGE[0], B_RANGE[1]),
          }
        : p,
    );
    const third = step(trial);
    if (Number.isFinite(third.objective) && third.objective >= second.objective) params = third.next;
    else {
      // The extrapolation overshot: keep the plain EM point, judged against the cycle before it.
      converged = false;
      previous = second.objective;
    }
  }

  // Standard errors over the calibrated items: the full information matrix when the pool is small enough.
  const column = new Int32Array(k).fill(-1);
  const columnItem: number[] = [];
  calibrated.forEach((c, i) => {
    if (c) column[i] = columnItem.push(i) - 1;
  });
  const size = columnItem.length;
  const full = size > 0 && size <= (options.fullSeMaxItems ?? FULL_SE_MAX_ITEMS);
  const { logLik, info } = observedInformation(
    data,
    params,
    column,
    Int32Array.from(columnItem),
    size,
    grid,
    full,
    windows,
  );
  const penalty = (j: number): { aa: number; bb: number } => {
    if (prior === null) return { aa: 0, bb: 0 };
    const a = params[columnItem[j]!]!.a;
    return { aa: (1 - Math.log(a)) / (prior.logASd ** 2 * a * a), bb: 1 / prior.bSd ** 2 };
  };
  let seMethod: SeMethod = size === 0 ? 'none' : full ? 'full' : 'per-item';
  const variances = new Float64Array(2 * size).fill(NaN);
  if (full) {
    const n2 = 2 * size;
    for (let j = 0; j < size; j++) {
      const { aa, bb } = penalty(j);
      info[2 * j * n2 + 2 * j] = info[2 * j * n2 + 2 * j]! + aa;
      info[(2 * j + 1) * n2 + 2 * j + 1] = info[(2 * j + 1) * n2 + 2 * j + 1]! + bb;
    }
    const diagonal = inverseDiagonal(info, n2);
    if (diagonal !== null) variances.set(diagonal);
    else {
      // A singular full matrix (an item barely identified): fall back to each item's own block.
      seMethod = 'per-item';
      const blocks = new Float64Array(3 * size);
      for (let j = 0; j < size; j++) {
        blocks[3 * j] = info[2 * j * n2 + 2 * j]!;
        blocks[3 * j + 1] = info[2 * j * n2 + 2 * j + 1]!;
        blocks[3 * j + 2] = info[(2 * j + 1) * n2 + 2 * j + 1]!;
      }
      blockVariances(blocks, size, () => ({ aa: 0, bb: 0 }), variances);
    }
  } else blockVariances(info, size, penalty, variances);

  const se = (v: number | undefined): number | null =>
    v !== undefined && Number.isFinite(v) && v > 0 ? Math.sqrt(v) : null;
  return {
    model: '2PL',
    logLik,
    iterations,
    converged,
    prior,
    seMethod,
    items: packed.itemIds.map((id, i) => {
      const j = column[i]!;
      return {
        id,
        a: params[i]!.a,
        b: params[i]!.b,
        seA: j < 0 ? null : se(variances[2 * j]),
        seB: j < 0 ? null : se(variances[2 * j + 1]),
        n: packed.perItem[i]!,
        calibrated: calibrated[i]!,
        reason: reasons[i]!,
      };
    }),
  };
}

/** Per-item variances from 2×2 information blocks (aa, ab, bb per item), written into `out`. */
function blockVariances(
  blocks: Float64Array,
  size: number,
  penalty: (j: number) => { aa: number; bb: number },
  out: Float64Array,
): void {
  for (let j = 0; j < size; j++) {
    const { aa, bb } = penalty(j);
    const iaa = blocks[3 * j]! + aa;
    const iab = blocks[3 * j + 1]!;
    const ibb = blocks[3 * j + 2]! + bb;
    const det = iaa * ibb - iab * iab;
    if (!(det > 0) || !(iaa > 0) || !(ibb > 0)) continue;
    out[2 * j] = ibb / det;
    out[2 * j + 1] = iaa / det;
  }
}

export interface EapResponse extends ItemParams {
  correct: boolean;
}

export interface AbilityEstimate {
  theta: number;
  /** Posterior SD: the standard error an adaptive test stops on. */
  se: number;
}

function posteriorMoments(logPost: ArrayLike<number>, grid: Quadrature): AbilityEstimate {
  let max = -Infinity;
  for (let q = 0; q < logPost.length; q++) if (logPost[q]! > max) max = logPost[q]!;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (let q = 0; q < logPost.length; q++) {
    const w = Math.exp(logPost[q]! - max);
    const t = grid.nodes[q]!;
    s0 += w;
    s1 += w * t;
    s2 += w * t * t;
  }
  const theta = s1 / s0;
  return { theta, se: Math.sqrt(Math.max(0, s2 / s0 - theta * theta)) };
}

/** Expected a posteriori θ with an N(0, 1) prior (carried by the grid's weights). */
export function eap(responses: readonly EapResponse[], grid: Quadrature = EAP_GRID): AbilityEstimate {
  const logPost = grid.weights.map((w) => Math.log(w));
  for (const { a, b, correct } of responses) {
    for (let q = 0; q < logPost.length; q++) {
      const z = a * (grid.nodes[q]! - b);
      logPost[q] = logPost[q]! + logSigmoid(correct ? z : -z);
    }
  }
  return posteriorMoments(logPost, grid);
}

export function fisherInformation(a: number, b: number, theta: number): number {
  const p = probability(a, b, theta);
  return a * a * p * (1 - p);
}

export interface PoolItem extends ItemParams {
  id: string;
  domain: string;
}

export interface NextItemOptions<T extends PoolItem = PoolItem> {
  /** The whole pool; administered ones are skipped. */
  candidates: readonly T[];
  administered: ReadonlySet<string> | readonly string[];
  theta: number;
  /** Target share per domain (any positive scale; normalised). Omit for no content balancing. */
  targets?: Readonly<Record<string, number>>;
  /** Randomesque exposure control: choose uniformly among the k most informative (default 5). */
  k?: number;
  random: Random;
}

interface Ranked<T> {
  item: T;
  info: number;
}

/** Keeps `best` sorted by information, descending, at most k long. */
function offer<T>(best: Ranked<T>[], item: T, info: number, k: number): void {
  if (best.length === k && info <= best[k - 1]!.info) return;
  let at = best.length;
  while (at > 0 && best[at - 1]!.info < info) at--;
  best.splice(at, 0, { item, info });
  if (best.length > k) best.pop();
}

/**
 * One pass over the pool: counts the administered items per domain and keeps each domain's k most informative
 * remaining items, so a 10,000-item pool costs 10,000 information evaluations and no sort.
 */
export function nextItem<T extends PoolItem>(options: NextItemOptions<T>): T | null {
  const k = Math.max(1, Math.floor(options.k ?? 5));
  const administered =
    options.administered instanceof Set ? options.administered : new Set<string>(options.administered);
  const targets = options.targets ?? {};
  const balancing = Object.values(targets).some((t) => t > 0);
  const best = new Map<string, Ranked<T>[]>();
  const given = new Map<string, number>();
  let total = 0;
  for (const item of options.candidates) {
    const domain = balancing ? item.domain : '';
    if (administered.has(item.id)) {
      given.set(domain, (given.get(domain) ?? 0) + 1);
      total++;
      continue;
    }
    let list = best.get(domain);
    if (list === undefined) best.set(domain, (list = []));
    offer(list, item, fisherInformation(item.a, item.b, options.theta), k);
  }
  if (best.size === 0) return null;

  let chosen: Ranked<T>[] | undefined;
  if (!balancing) chosen = best.get('');
  else {
    const sum = Object.values(targets).reduce((s, t) => s + Math.max(0, t), 0);
    const share = (d: string): number => Math.max(0, targets[d] ?? 0) / sum;
    let bestGap = -Infinity;
    let bestDomain = '';
    // The domain furthest below its target share; ties go to the larger target, then the name, so the
    // order is reproducible.
    for (const domain of best.keys()) {
      const gap = share(domain) - (total === 0 ? 0 : (given.get(domain) ?? 0) / total);
      const better =
        gap > bestGap + 1e-12 ||
        (Math.abs(gap - bestGap) <= 1e-12 &&
          (share(domain) > share(bestDomain) ||
            (share(domain) === share(bestDomain) && domain < bestDomain)));
      if (better) {
        bestGap = gap;
        bestDomain = domain;
      }
    }
    chosen = best.get(bestDomain);
  }
  if (chosen === undefined || chosen.length === 0) return null;
  return chosen[randomInt(options.random, chosen.length)]!.item;
}

/** Bank difficulty labels as starting parameters before any data: a = 1, b one SD apart. */
export function difficultyPrior(level: Difficulty): ItemParams {
  return { a: 1, b: level === 'junior' ? -1 : level === 'senior' ? 1 : 0 };
}

/** θ on a 0–300 reporting scale centred on 150. */
export function scaledScore(theta: number): number {
  return clamp(Math.round(150 + 50 * theta), 0, 300);
}

export function band(theta: number): Difficulty {
  return theta < -0.5 ? 'junior' : theta >= 0.5 ? 'senior' : 'mid';
}

/** Standard normal by Box–Muller; 1 − u keeps the logarithm away from 0. */
export function sampleNormal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Adds one response, drawn from the item's probability at the true θ, to a log posterior on the grid. */
function answerItem(
  logPost: number[],
  item: ItemParams,
  theta: number,
  random: Random,
  grid: Quadrature,
): void {
  const correct = random() < probability(item.a, item.b, theta);
  for (let q = 0; q < logPost.length; q++) {
    const z = item.a * (grid.nodes[q]! - item.b);
    logPost[q] = logPost[q]! + logSigmoid(correct ? z : -z);
  }
}

/**
 * One simulee of true ability θ through a fixed form of L items drawn at random (the first L slots of a partial
 * Fisher–Yates over `order`, the linear quiz's draw), scored by EAP.
 */
function sitFixedForm(
  pool: readonly ItemParams[],
  L: number,
  theta: number,
  random: Random,
  grid: Quadrature,
  logPrior: readonly number[],
  order: number[],
): AbilityEstimate {
  const logPost = logPrior.slice();
  for (let s = 0; s < L; s++) {
    const j = s + randomInt(random, order.length - s);
    [order[s], order[j]] = [order[j]!, order[s]!];
    answerItem(logPost, pool[order[s]!]!, theta, random, grid);
  }
  return posteriorMoments(logPost, grid);
}

/**
 * The precision a fixed form of `length` questions drawn at random from the pool reaches: the square root of the
 * mean posterior variance over simulees θ ~ N(0, 1), which is the expected RMSE of its EAP estimates. Used as
 * adaptive mode's default SE target, so that adaptive mode is asked for the fixed form's precision and whatever
 * it saves is questions. Deterministic (its own seed), so the same pool always gives the same target.
 */
export function fixedFormPrecision(
  pool: readonly ItemParams[],
  length: number,
  options: { simulees?: number; seed?: number; grid?: Quadrature } = {},
): number {
  const simulees = options.simulees ?? 500;
  const grid = options.grid ?? EAP_GRID;
  const L = Math.min(length, pool.length);
  if (L <= 0) return 1;
  const random = createRandom(options.seed ?? 0x2545f491);
  const logPrior = grid.weights.map((w) => Math.log(w));
  const order = pool.map((_, i) => i);
  let variance = 0;
  for (let j = 0; j < simulees; j++) {
    const theta = sampleNormal(random);
    variance += sitFixedForm(pool, L, theta, random, grid, logPrior, order).se ** 2;
  }
  return Math.sqrt(variance / simulees);
}

export interface SimulateOptions {
  /** True item parameters; responses are generated from them and scored with them. */
  pool: readonly PoolItem[];
  /** Number of simulees (default 1000). */
  simulees?: number;
  /** Length L of the fixed form. */
  fixedLength: number;
  /** Adaptive test's maximum length (default L). */
  maxLength?: number;
  /** Adaptive test stops once the posterior SD is at most this (default 0.3). */
  seTarget?: number;
  k?: number;
  targets?: Readonly<Record<string, number>>;
  seed?: number;
  grid?: Quadrature;
}

export interface ModeReport {
  meanLength: number;
  /** √mean((θ̂ − θ)²), mean(θ̂ − θ) and Pearson r(θ̂, θ) over the simulees. */
  rmse: number;
  bias: number;
  correlation: number;
}

export interface SimulationReport {
  fixed: ModeReport;
  adaptive: ModeReport;
}

function report(
  truth: readonly number[],
  estimates: readonly number[],
  lengths: readonly number[],
): ModeReport {
  const n = truth.length;
  const mt = truth.reduce((s, t) => s + t, 0) / n;
  const me = estimates.reduce((s, t) => s + t, 0) / n;
  let se2 = 0;
  let bias = 0;
  let stt = 0;
  let see = 0;
  let ste = 0;
  for (let j = 0; j < n; j++) {
    const t = truth[j]!;
    const e = estimates[j]!;
    se2 += (e - t) ** 2;
    bias += e - t;
    stt += (t - mt) ** 2;
    see += (e - me) ** 2;
    ste += (t - mt) * (e - me);
  }
  return {
    meanLength: lengths.reduce((s, l) => s + l, 0) / n,
    rmse: Math.sqrt(se2 / n),
    bias: bias / n,
    correlation: ste / Math.sqrt(stt * see),
  };
}

/**
 * The same simulees (θ ~ N(0, 1)) sit (1) a fixed-length form of L items drawn at random from the pool for each
 * simulee, as the linear quiz does, and (2) an adaptive test; both are scored by EAP with the true parameters.
 */
export function simulate(options: SimulateOptions): SimulationReport {
  const { pool, fixedLength } = options;
  const simulees = options.simulees ?? 1000;
  const maxLength = Math.min(options.maxLength ?? fixedLength, pool.length);
  const seTarget = options.seTarget ?? 0.3;
  const seed = options.seed ?? 1;
  const grid = options.grid ?? EAP_GRID;
  if (fixedLength > pool.length)
    throw new RangeError(`fixed form of ${fixedLength} from a pool of ${pool.length}`);

  // Separate streams, so changing one mode's length does not reshuffle the other mode's draws.
  const thetaRandom = createRandom(seed);
  const fixedRandom = createRandom(seed ^ 0x5bd1e995);
  const adaptiveRandom = createRandom(seed ^ 0x27d4eb2f);
  const truth = Array.from({ length: simulees }, () => sampleNormal(thetaRandom));
  const logPrior = grid.weights.map((w) => Math.log(w));

  // The posterior is updated one response at a time: O(grid) per item instead of re-scoring the whole test.
  const fixed: number[] = [];
  const order = pool.map((_, i) => i);
  for (const theta of truth)
    fixed.push(sitFixedForm(pool, fixedLength, theta, fixedRandom, grid, logPrior, order).theta);

  const adaptive: number[] = [];
  const lengths: number[] = [];
  for (const theta of truth) {
    const logPost = logPrior.slice();
    const administered = new Set<string>();
    let estimate: AbilityEstimate = { theta: 0, se: 1 };
    while (administered.size < maxLength && estimate.se > seTarget) {
      const item = nextItem({
        candidates: pool,
        administered,
        theta: estimate.theta,
        targets: options.targets,
        k: options.k,
        random: adaptiveRandom,
      });
      if (item === null) break;
      administered.add(item.id);
      answerItem(logPost, item, theta, adaptiveRandom, grid);
      estimate = posteriorMoments(logPost, grid);
    }
    adaptive.push(estimate.theta);
    lengths.push(administered.size);
  }

  return {
    fixed: report(truth, fixed, new Array<number>(simulees).fill(fixedLength)),
    adaptive: report(truth, adaptive, lengths),
  };
}
