//! The evaluation order: questions and findings sorted so that each comes after what its
//! conditions refer to; a cycle is an error (R010).

use super::{Compiler, RawPack};
use crate::rules::model::{Item, Node};
use std::collections::HashMap;
use std::ops::Range;

impl Compiler<'_> {
    /// Orders questions and findings so that everything is evaluated after what it refers to;
    /// reports each cycle once.
    pub(super) fn order(&mut self, raw: &RawPack, deps_of: &HashMap<Node, Vec<Item>>) -> Vec<Node> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Active,
            Done,
        }
        let nodes: Vec<Node> = (0..raw.questions.len())
            .map(Node::Question)
            .chain((0..raw.findings.len()).map(Node::Finding))
            .collect();
        let mut marks: HashMap<Node, Mark> = nodes.iter().map(|n| (*n, Mark::New)).collect();
        let mut order = Vec::new();
        let mut reported = false;
        for start in &nodes {
            if marks[start] != Mark::New {
                continue;
            }
            // Iterative DFS: (node, index of next dependency).
            let mut stack: Vec<(Node, usize)> = vec![(*start, 0)];
            marks.insert(*start, Mark::Active);
            while let Some((node, next)) = stack.pop() {
                let deps = deps_of.get(&node).map(Vec::as_slice).unwrap_or(&[]);
                if next < deps.len() {
                    stack.push((node, next + 1));
                    let dep = match deps[next] {
                        Item::Question(q) => Node::Question(q),
                        Item::Finding(f) => Node::Finding(f),
                        _ => continue,
                    };
                    match marks.get(&dep).copied() {
                        Some(Mark::New) => {
                            marks.insert(dep, Mark::Active);
                            stack.push((dep, 0));
                        }
                        Some(Mark::Active) if !reported => {
                            reported = true;
                            let mut path: Vec<String> =
                                stack.iter().map(|(n, _)| self.node_id(raw, *n)).collect();
                            let from = path
                                .iter()
                                .position(|p| *p == self.node_id(raw, dep))
                                .unwrap_or(0);
                            path.drain(..from);
                            path.push(self.node_id(raw, dep));
                            let (fi, span) = self.node_span(raw, node);
                            self.err(
                                "R010",
                                fi,
                                span, t!("cycle: {}", "kringloop: {}", path.join(" -> ")), t!("a finding or question cannot depend on itself; break the chain", "een bevinding of vraag kan niet van zichzelf afhangen; doorbreek de keten"),
                            );
                        }
                        _ => {}
                    }
                } else {
                    marks.insert(node, Mark::Done);
                    order.push(node);
                }
            }
        }
        order
    }

    fn node_id(&self, raw: &RawPack, n: Node) -> String {
        match n {
            Node::Question(i) => raw.questions[i].1.get_ref().id.get_ref().clone(),
            Node::Finding(i) => raw.findings[i].1.get_ref().id.get_ref().clone(),
        }
    }

    fn node_span(&self, raw: &RawPack, n: Node) -> (usize, Range<usize>) {
        match n {
            Node::Question(i) => (raw.questions[i].0, raw.questions[i].1.get_ref().id.span()),
            Node::Finding(i) => (raw.findings[i].0, raw.findings[i].1.get_ref().id.span()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_pack::{finding, problems};

    #[test]
    fn a_cycle_is_reported_once_with_its_path() {
        let extra = &[
            finding("f_chicken", "exclusion", "f_egg"),
            finding("f_egg", "exclusion", "f_chicken"),
        ]
        .join("\n");
        assert_eq!(
            problems(extra),
            ["R010 extra.toml:11:6 cycle: f_chicken -> f_egg -> f_chicken",]
        );
    }
}
