//! Feeds arbitrary bytes to the O2G adapter, which reads O2G JSON by hand (no wire types): as
//! an event (`handle_received`) and as the answer to every chore of a resync (`handle_answer`).
//! It must never panic; an input it cannot read is one warning, never a partial change.
#![no_main]

use cti::adapter::{Adapter, AdapterOutput, Answer};
use cti::machine::{Config, Machine, Warning};
use cti::model::Instant;
use cti::o2g::{O2gAdapter, O2gConfig};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let machine = Machine::new(Instant::ZERO, Config::default());
    let mut adapter = O2gAdapter::new(O2gConfig::default());
    adapter.handle_received(Instant::ZERO, machine.desk(), data);
    let outputs: Vec<AdapterOutput> = std::iter::from_fn(|| adapter.poll_output()).collect();
    if outputs
        .iter()
        .any(|o| matches!(o, AdapterOutput::Warning(Warning::UndecodableEvent { .. })))
    {
        assert_eq!(outputs.len(), 1, "an undecodable event changes nothing");
    }
    adapter.resync(Instant::ZERO, machine.desk());
    let chores: Vec<_> = std::iter::from_fn(|| adapter.poll_output())
        .filter_map(|o| match o {
            AdapterOutput::Transmit(t) => Some(t.id),
            _ => None,
        })
        .collect();
    for id in chores {
        let answer = Answer::Response { status: 200, body: data };
        adapter.handle_answer(Instant::ZERO, machine.desk(), id, answer);
        while adapter.poll_output().is_some() {}
    }
});
