//! Deterministic mutations of a seed corpus, shared by the stable fuzz replays
//! (`tests/fuzz_corpus_replay.rs`, `xuc_fuzz_corpus_replay.rs`, `finesse_fuzz_replay.rs`)
//! and the adapter's differential tests (`src/o2g/adapter/differential.rs`).

/// The seed corpus of one fuzz target (`fuzz/corpus/<target>/`), by file name.
#[allow(dead_code)] // the differential tests include this file without a corpus.
pub fn corpus_of(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = format!("{}/fuzz/corpus/{target}", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("corpus directory {dir}: {e}"))
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let path = entry.path();
            let name = path.file_name()?.to_string_lossy().into_owned();
            Some((name, std::fs::read(&path).ok()?))
        })
        .collect();
    files.sort();
    files
}

/// xorshift64*: deterministic, no dependency.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// A seed with one to `most` mutations: bit flips, truncations, deletions, insertions of one
/// of `tokens`, splices with another seed.
pub fn mutate(
    rng: &mut Rng,
    seeds: &[(String, Vec<u8>)],
    tokens: &[&[u8]],
    most: usize,
) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].1.clone();
    for _ in 0..=rng.below(most) {
        let len = data.len();
        match rng.below(5) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 => data.truncate(rng.below(len + 1)),
            2 if len > 0 => {
                let from = rng.below(len);
                let to = (from + 1 + rng.below(16)).min(len);
                data.drain(from..to);
            }
            3 => {
                let at = rng.below(len + 1);
                let token = tokens[rng.below(tokens.len())];
                data.splice(at..at, token.iter().copied());
            }
            _ => {
                let other = &seeds[rng.below(seeds.len())].1;
                let cut = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                data.truncate(cut);
                data.extend_from_slice(&other[from..]);
            }
        }
    }
    data
}

/// Feeds `count` mutations of `seeds` to `exercise` (`Ok(true)` when the input decoded, `Err`
/// a violation) and fails on the first violation, or when fewer than `min_decoded` decoded:
/// mutations so wild that nothing decodes would test only the first byte's rejection.
#[allow(dead_code)] // the differential tests include this file without replaying.
pub fn replay(
    name: &str,
    seeds: &[(String, Vec<u8>)],
    count: usize,
    min_decoded: usize,
    mut mutate: impl FnMut(&mut Rng, &[(String, Vec<u8>)]) -> Vec<u8>,
    mut exercise: impl FnMut(&[u8]) -> Result<bool, String>,
) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut violations = Vec::new();
    let mut decoded = 0;
    for _ in 0..count {
        match exercise(&mutate(&mut rng, seeds)) {
            Ok(true) => decoded += 1,
            Ok(false) => {}
            Err(e) => violations.push(e),
        }
    }
    assert!(
        violations.is_empty(),
        "{name}: {} violation(s), first: {}",
        violations.len(),
        violations[0]
    );
    assert!(
        decoded > min_decoded,
        "{name}: only {decoded} mutated inputs decoded"
    );
}
