// Imported by every module that imports fast-check (test/scripts/fast-check-seed.test.ts checks it): property
// tests use one fixed seed, so a run is reproducible and CI cannot fail at random. GLIDEPATH_FC_SEED=random explores new inputs (and prints the
// seed of any failure); GLIDEPATH_FC_SEED=<n> replays one.
import fc from "fast-check";

const env = process.env.GLIDEPATH_FC_SEED;
if (env !== "random") fc.configureGlobal({ seed: env ? Number(env) : 20_261_122 });
