//! The gateway's files must not reach each other in circles across folders.
//!
//! Every `.rs` file under `src/` is a node; a path that names a module of the crate (`use
//! crate::…`, grouped `use crate::{a, b::c}`, `super::…`, `self::…`, a declared child module,
//! or such a path inline in code) is an edge to the file of the longest module prefix it
//! names. A strongly connected component of that graph may only hold files of one folder,
//! that folder's own `mod.rs` (or the `foo.rs` that owns `foo/`) counting as inside it: a
//! circle through `state.rs` and the handlers it serves is what this forbids.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test code

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One source file of the crate, as a module.
struct Module {
    /// Path relative to `src/`, with `/` separators.
    file: String,
    /// Its module path from the crate root (`[]` for `lib.rs`).
    path: Vec<String>,
    /// The folder it belongs to (a `mod.rs`, or a `foo.rs` owning `foo/`, belongs to that
    /// folder rather than to its parent).
    folder: String,
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable source folder")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn modules(src: &Path) -> Vec<Module> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files
        .into_iter()
        .filter_map(|path| {
            let relative = path
                .strip_prefix(src)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            // The binary is another crate: its `crate::` is not the library's.
            if relative == "main.rs" || relative.starts_with("bin/") {
                return None;
            }
            let mut parts: Vec<String> = relative
                .trim_end_matches(".rs")
                .split('/')
                .map(str::to_owned)
                .collect();
            let dir = parts[..parts.len() - 1].join("/");
            let last = parts.pop().expect("a file name");
            let (path, folder) = match last.as_str() {
                "lib" if parts.is_empty() => (Vec::new(), String::new()),
                "mod" => (parts.clone(), dir),
                name => {
                    let mut path = parts.clone();
                    path.push(name.to_owned());
                    let owns_folder = src.join(path.join("/")).is_dir();
                    let folder = if owns_folder { path.join("/") } else { dir };
                    (path, folder)
                }
            };
            Some(Module {
                file: relative,
                path,
                folder,
            })
        })
        .collect()
}

/// A token of Rust source, comments and literals removed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    /// `::`
    PathSep,
    Punct(char),
}

fn tokens(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && raw_string_at(&chars, i) {
            i = skip_raw_string(&chars, i + 1);
        } else if c == 'b' && next == Some('"') {
            i = skip_string(&chars, i + 1);
        } else if c == 'b' && next == Some('r') && raw_string_at(&chars, i + 1) {
            i = skip_raw_string(&chars, i + 2);
        } else if c == '"' {
            i = skip_string(&chars, i);
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}'), or a lifetime / label ('a).
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
        } else if c == ':' && next == Some(':') {
            out.push(Token::PathSep);
            i += 2;
        } else if c.is_whitespace() || c.is_ascii_digit() {
            i += 1;
        } else {
            out.push(Token::Punct(c));
            i += 1;
        }
    }
    out
}

fn raw_string_at(chars: &[char], r: usize) -> bool {
    let mut j = r + 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    chars.get(j) == Some(&'"')
}

/// Skips `#…#"…"#…#` starting at the first `#` or `"`; returns the index after it.
fn skip_raw_string(chars: &[char], mut i: usize) -> usize {
    let mut hashes = 0;
    while chars.get(i) == Some(&'#') {
        hashes += 1;
        i += 1;
    }
    i += 1; // the opening quote
    while i < chars.len() {
        if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}

/// Skips `"…"` starting at the quote; returns the index after it.
fn skip_string(chars: &[char], mut i: usize) -> usize {
    i += 1;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// Parses the use tree starting at `tokens[*i]` with `prefix` already read; appends every
/// full path it names.
fn use_tree(tokens: &[Token], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    loop {
        match tokens.get(*i) {
            Some(Token::Ident(name)) if name == "as" => {
                *i += 2; // `as alias`
                out.push(path);
                return;
            }
            Some(Token::Ident(name)) => {
                path.push(name.clone());
                *i += 1;
            }
            Some(Token::PathSep) => *i += 1,
            Some(Token::Punct('*')) => {
                *i += 1;
                out.push(path);
                return;
            }
            Some(Token::Punct('{')) => {
                *i += 1;
                loop {
                    match tokens.get(*i) {
                        Some(Token::Punct('}')) => {
                            *i += 1;
                            return;
                        }
                        Some(Token::Punct(',')) => *i += 1,
                        None => return,
                        Some(_) => use_tree(tokens, i, path.clone(), out),
                    }
                }
            }
            _ => {
                out.push(path);
                return;
            }
        }
    }
}

/// Every module path the file's code names, made absolute, with the module it is named from.
fn named_paths(module: &[String], source: &str) -> Vec<Vec<String>> {
    let tokens = tokens(source);
    // Inline modules (`mod tests { … }`): their name and the brace depth they close at.
    let mut inline: Vec<(String, usize)> = Vec::new();
    // Child modules declared with `mod name;`, per enclosing module path.
    let mut children: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
    for (k, token) in tokens.iter().enumerate() {
        if token == &Token::Ident("mod".into()) {
            if let (Some(Token::Ident(name)), Some(Token::Punct(';'))) =
                (tokens.get(k + 1), tokens.get(k + 2))
            {
                children
                    .entry(module.to_vec())
                    .or_default()
                    .insert(name.clone());
            }
        }
    }
    let mut depth = 0usize;
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let current: Vec<String> = module
            .iter()
            .cloned()
            .chain(inline.iter().map(|(name, _)| name.clone()))
            .collect();
        match &tokens[i] {
            Token::Punct('{') => {
                depth += 1;
                i += 1;
            }
            Token::Punct('}') => {
                if inline.last().is_some_and(|(_, at)| *at == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            Token::Ident(word) if word == "mod" => {
                if let (Some(Token::Ident(name)), Some(Token::Punct('{'))) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                {
                    depth += 1;
                    inline.push((name.clone(), depth));
                    i += 3;
                } else {
                    i += 1;
                }
            }
            Token::Ident(word) if word == "use" => {
                i += 1;
                if tokens.get(i) == Some(&Token::PathSep) {
                    i += 1;
                }
                let mut paths = Vec::new();
                use_tree(&tokens, &mut i, Vec::new(), &mut paths);
                for path in paths {
                    if let Some(absolute) = absolute(&current, &path, &children) {
                        out.push(absolute);
                    }
                }
            }
            Token::Ident(first) if tokens.get(i + 1) == Some(&Token::PathSep) => {
                // An inline path: `crate::a::b(…)`, `super::x::Y`, `child::f()`.
                let preceded_by_sep = i > 0 && tokens[i - 1] == Token::PathSep;
                let mut path = vec![first.clone()];
                let mut j = i + 1;
                while tokens.get(j) == Some(&Token::PathSep) {
                    match tokens.get(j + 1) {
                        Some(Token::Ident(name)) => {
                            path.push(name.clone());
                            j += 2;
                        }
                        _ => break,
                    }
                }
                if !preceded_by_sep {
                    if let Some(absolute) = absolute(&current, &path, &children) {
                        out.push(absolute);
                    }
                }
                i = j;
            }
            _ => i += 1,
        }
    }
    out
}

/// `path` as seen from module `current`, from the crate root; `None` for other crates.
fn absolute(
    current: &[String],
    path: &[String],
    children: &BTreeMap<Vec<String>, BTreeSet<String>>,
) -> Option<Vec<String>> {
    let first = path.first()?;
    let mut base: Vec<String> = match first.as_str() {
        "crate" => Vec::new(),
        "self" => current.to_vec(),
        "super" => {
            let mut base = current.to_vec();
            let mut rest = path;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            base.extend(rest.iter().cloned());
            return Some(base);
        }
        name if children
            .get(current)
            .is_some_and(|names| names.contains(name)) =>
        {
            let mut base = current.to_vec();
            base.push(name.to_owned());
            base.extend(path[1..].iter().cloned());
            return Some(base);
        }
        _ => return None,
    };
    base.extend(path[1..].iter().cloned());
    Some(base)
}

/// The file-level dependency graph: file → files it names.
fn graph(src: &Path) -> (Vec<Module>, BTreeMap<String, BTreeSet<String>>) {
    let modules = modules(src);
    let by_path: BTreeMap<Vec<String>, String> = modules
        .iter()
        .map(|m| (m.path.clone(), m.file.clone()))
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for module in &modules {
        let source = std::fs::read_to_string(src.join(&module.file)).expect("readable");
        let targets = edges.entry(module.file.clone()).or_default();
        for path in named_paths(&module.path, &source) {
            // The longest prefix that is a file of the crate.
            let target = (0..=path.len())
                .rev()
                .find_map(|n| by_path.get(&path[..n]))
                .expect("the crate root is always a prefix");
            if *target != module.file {
                targets.insert(target.clone());
            }
        }
    }
    (modules, edges)
}

/// Tarjan's strongly connected components.
fn components(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Tarjan<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    impl<'a> Tarjan<'a> {
        fn visit(&mut self, node: &'a str) {
            self.index.insert(node, self.next);
            self.low.insert(node, self.next);
            self.next += 1;
            self.stack.push(node);
            self.on_stack.insert(node);
            for target in self.edges.get(node).into_iter().flatten() {
                let target = target.as_str();
                if !self.index.contains_key(target) {
                    self.visit(target);
                    let low = self.low[node].min(self.low[target]);
                    self.low.insert(node, low);
                } else if self.on_stack.contains(target) {
                    let low = self.low[node].min(self.index[target]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut component = Vec::new();
                while let Some(member) = self.stack.pop() {
                    self.on_stack.remove(member);
                    component.push(member.to_owned());
                    if member == node {
                        break;
                    }
                }
                component.sort();
                self.out.push(component);
            }
        }
    }
    let mut tarjan = Tarjan {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for node in edges.keys() {
        if !tarjan.index.contains_key(node.as_str()) {
            tarjan.visit(node);
        }
    }
    tarjan.out
}

/// A shortest circle through `start` inside `component`, as `a -> b -> a`.
fn circle_through(
    start: &str,
    component: &[String],
    edges: &BTreeMap<String, BTreeSet<String>>,
) -> String {
    let inside: BTreeSet<&str> = component.iter().map(String::as_str).collect();
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for target in edges.get(node).into_iter().flatten() {
            let target = target.as_str();
            if !inside.contains(target) {
                continue;
            }
            if target == start {
                let mut path = vec![start, node];
                let mut at = node;
                while let Some(previous) = came_from.get(at) {
                    path.push(previous);
                    at = previous;
                }
                path.reverse();
                return path.join(" -> ");
            }
            if target != start && !came_from.contains_key(target) {
                came_from.insert(target, node);
                queue.push_back(target);
            }
        }
    }
    String::from("(no circle found)")
}

#[test]
fn no_circle_of_files_spans_more_than_one_folder() {
    let src = src_dir();
    let (modules, edges) = graph(&src);
    let folder_of: BTreeMap<&str, &str> = modules
        .iter()
        .map(|m| (m.file.as_str(), m.folder.as_str()))
        .collect();
    let mut report = Vec::new();
    for component in components(&edges) {
        let folders: BTreeSet<&str> = component.iter().map(|f| folder_of[f.as_str()]).collect();
        if folders.len() > 1 {
            report.push(format!(
                "{} files in {} folders ({}): {}\n  e.g. {}",
                component.len(),
                folders.len(),
                folders
                    .iter()
                    .map(|f| if f.is_empty() { "src" } else { f })
                    .collect::<Vec<_>>()
                    .join(", "),
                component.join(", "),
                circle_through(&component[0], &component, &edges)
            ));
        }
    }
    assert!(
        report.is_empty(),
        "import circles across folders:\n{}",
        report.join("\n")
    );
}

#[test]
fn the_graph_sees_grouped_inline_relative_and_nested_paths() {
    let source = r#"
        use crate::{clock::Millis, events::{hub::EventHub, Take}};
        use super::sibling;
        mod child;
        pub use child::Thing;
        // use crate::commented::Out;
        const S: &str = "crate::in_a_string::No";
        fn f() { crate::inline::call(); let c = 'x'; }
        #[cfg(test)]
        mod tests { use super::*; }
    "#;
    let module = vec!["a".to_owned(), "b".to_owned()];
    let named: BTreeSet<String> = named_paths(&module, source)
        .into_iter()
        .map(|p| p.join("::"))
        .collect();
    let expected: BTreeSet<String> = [
        "clock::Millis",
        "events::hub::EventHub",
        "events::Take",
        "a::sibling",
        "a::b::child::Thing",
        "inline::call",
        // `super` inside the inline `tests` module is this file, not its parent.
        "a::b",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(named, expected);
    let (_, edges) = graph(&src_dir());
    assert!(
        edges
            .get("lib.rs")
            .is_some_and(|targets| !targets.is_empty()),
        "the crate root names its modules"
    );
}
