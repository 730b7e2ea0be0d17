//! Stable ids for stories and variants across runs.
//!
//! The rule (README "State (cron)"): a group keeps its id for as long as it
//! exists; when groups merge, the result keeps the **oldest** id (the smallest
//! number: numbers are handed out in increasing order and never reused) and
//! lists the others in `merged_from`; a new group gets a new number.
//!
//! The previous run's groups are matched to this run's by member overlap, the
//! oldest previous id first: each goes to the group (still without an id)
//! holding most of its documents, ties to the group whose first document comes
//! first. A previous id that finds no free group is *absorbed* by the group
//! holding most of its documents; one whose documents are all gone is retired.
//! Documents are identified by path, groups by their members, so the result
//! does not depend on the order in which groups are given.

use std::collections::BTreeMap;

/// What a group was in the previous run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prior {
    pub first_seen: u32,
    pub updated: u32,
    /// Ids it had absorbed (numbers), sorted.
    pub merged_from: Vec<u64>,
    /// Its documents in the previous run (including files since removed).
    pub size: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    New,
    Updated,
    Unchanged,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Updated => "updated",
            Status::Unchanged => "unchanged",
        }
    }
}

/// A group's id for this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assigned {
    pub num: u64,
    pub status: Status,
    pub first_seen: u32,
    pub updated: u32,
    pub merged_from: Vec<u64>,
}

/// A previous id that no group carries any more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retired {
    pub num: u64,
    /// The group (index) that took most of its documents, if any is left.
    pub absorbed_by: Option<usize>,
}

/// Ids for `groups` (each a list of document indices; documents are numbered
/// in path order). `prev[d]` is document `d`'s group id in the previous run,
/// `modified[d]` whether its analysis changed; `priors` the previous run's
/// groups; `next` the first unused number (advanced); `run` this run's number.
pub fn assign(
    groups: &[Vec<u32>],
    prev: &[Option<u64>],
    modified: &[bool],
    priors: &BTreeMap<u64, Prior>,
    next: &mut u64,
    run: u32,
) -> (Vec<Assigned>, Vec<Retired>) {
    let first: Vec<u32> = groups
        .iter()
        .map(|g| g.iter().copied().min().unwrap_or(u32::MAX))
        .collect();
    // (previous id, group) → shared documents.
    let mut overlap: BTreeMap<u64, BTreeMap<usize, usize>> = BTreeMap::new();
    for (gi, g) in groups.iter().enumerate() {
        for &d in g {
            if let Some(Some(old)) = prev.get(d as usize) {
                *overlap.entry(*old).or_default().entry(gi).or_insert(0) += 1;
            }
        }
    }
    let mut taken: Vec<Option<u64>> = vec![None; groups.len()];
    let mut absorbed: Vec<Vec<u64>> = vec![Vec::new(); groups.len()];
    let mut retired = Vec::new();
    // Most shared documents, then the group whose first document comes first.
    let best = |cands: &mut Vec<(usize, usize)>| {
        cands.sort_by(|a, b| b.1.cmp(&a.1).then(first[a.0].cmp(&first[b.0])));
    };
    for (&old, by_group) in &overlap {
        let mut cands: Vec<(usize, usize)> = by_group.iter().map(|(&g, &n)| (g, n)).collect();
        best(&mut cands);
        match cands.iter().find(|(g, _)| taken[*g].is_none()) {
            Some(&(g, _)) => taken[g] = Some(old),
            None => {
                let g = cands[0].0;
                absorbed[g].push(old);
                retired.push(Retired {
                    num: old,
                    absorbed_by: Some(g),
                });
            }
        }
    }
    for &old in priors.keys() {
        if !overlap.contains_key(&old) {
            retired.push(Retired {
                num: old,
                absorbed_by: None,
            });
        }
    }
    // New numbers in the order of the groups' first documents.
    let mut fresh: Vec<usize> = (0..groups.len()).filter(|&g| taken[g].is_none()).collect();
    fresh.sort_by_key(|&g| first[g]);
    let mut is_new = vec![false; groups.len()];
    for g in fresh {
        taken[g] = Some(*next);
        is_new[g] = true;
        *next += 1;
    }
    let assigned = groups
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            let num = taken[gi].unwrap_or_default();
            let prior = priors.get(&num);
            let mut merged_from: Vec<u64> =
                prior.map(|p| p.merged_from.clone()).unwrap_or_default();
            for old in &absorbed[gi] {
                merged_from.push(*old);
                if let Some(p) = priors.get(old) {
                    merged_from.extend_from_slice(&p.merged_from);
                }
            }
            merged_from.sort_unstable();
            merged_from.dedup();
            let same = prior.is_some_and(|p| {
                p.size == g.len()
                    && absorbed[gi].is_empty()
                    && g.iter().all(|&d| {
                        prev.get(d as usize) == Some(&Some(num))
                            && !modified.get(d as usize).copied().unwrap_or(true)
                    })
            });
            let status = if is_new[gi] {
                Status::New
            } else if same {
                Status::Unchanged
            } else {
                Status::Updated
            };
            Assigned {
                num,
                status,
                first_seen: prior.map_or(run, |p| p.first_seen),
                updated: match (status, prior) {
                    (Status::Unchanged, Some(p)) => p.updated,
                    _ => run,
                },
                merged_from,
            }
        })
        .collect();
    retired.sort_by_key(|r| r.num);
    (assigned, retired)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn priors(list: &[(u64, usize)]) -> BTreeMap<u64, Prior> {
        list.iter()
            .map(|&(num, size)| {
                (
                    num,
                    Prior {
                        first_seen: num as u32,
                        updated: num as u32,
                        merged_from: Vec::new(),
                        size,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn first_run_numbers_groups_by_first_document() {
        let mut next = 1;
        let (a, r) = assign(
            &[vec![2, 3], vec![0, 1]],
            &[None; 4],
            &[true; 4],
            &BTreeMap::new(),
            &mut next,
            1,
        );
        assert_eq!(a.iter().map(|x| x.num).collect::<Vec<_>>(), vec![2, 1]);
        assert!(
            a.iter()
                .all(|x| x.status == Status::New && x.first_seen == 1)
        );
        assert!(r.is_empty());
        assert_eq!(next, 3);
    }

    #[test]
    fn unchanged_groups_keep_ids_and_status() {
        let mut next = 3;
        let prev = [Some(1), Some(1), Some(2)];
        let (a, _) = assign(
            &[vec![0, 1], vec![2]],
            &prev,
            &[false; 3],
            &priors(&[(1, 2), (2, 1)]),
            &mut next,
            5,
        );
        assert_eq!(
            (a[0].num, a[0].status, a[0].updated),
            (1, Status::Unchanged, 1)
        );
        assert_eq!((a[1].num, a[1].status), (2, Status::Unchanged));
        assert_eq!(next, 3);
    }

    #[test]
    fn a_merge_keeps_the_oldest_id_and_lists_the_other() {
        let mut next = 9;
        // The larger previous group is the younger one: the oldest id still wins.
        let prev = [Some(7), Some(4), Some(7), Some(7), None];
        let (a, r) = assign(
            &[vec![0, 1, 2, 3, 4]],
            &prev,
            &[false; 5],
            &priors(&[(4, 1), (7, 3)]),
            &mut next,
            6,
        );
        assert_eq!(
            (a[0].num, a[0].status, a[0].merged_from.clone()),
            (4, Status::Updated, vec![7])
        );
        assert_eq!(
            r,
            vec![Retired {
                num: 7,
                absorbed_by: Some(0)
            }]
        );
    }

    #[test]
    fn a_split_gives_the_id_to_the_larger_part_and_a_new_id_to_the_rest() {
        let mut next = 2;
        let prev = [Some(1); 3];
        let (a, r) = assign(
            &[vec![0], vec![1, 2]],
            &prev,
            &[false; 3],
            &priors(&[(1, 3)]),
            &mut next,
            2,
        );
        assert_eq!((a[1].num, a[1].status), (1, Status::Updated));
        assert_eq!((a[0].num, a[0].status), (2, Status::New));
        assert!(r.is_empty());
    }

    #[test]
    fn merged_from_accumulates_and_gone_groups_retire() {
        let mut p = priors(&[(1, 1), (2, 1), (3, 1)]);
        p.get_mut(&2).unwrap().merged_from = vec![5];
        let mut next = 6;
        let prev = [Some(1), Some(2)];
        let (a, r) = assign(&[vec![0, 1]], &prev, &[false; 2], &p, &mut next, 3);
        assert_eq!(a[0].merged_from, vec![2, 5]);
        assert_eq!(
            r,
            vec![
                Retired {
                    num: 2,
                    absorbed_by: Some(0)
                },
                Retired {
                    num: 3,
                    absorbed_by: None
                }
            ]
        );
    }

    #[test]
    fn a_modified_member_makes_the_group_updated() {
        let mut next = 2;
        let (a, _) = assign(
            &[vec![0, 1]],
            &[Some(1), Some(1)],
            &[false, true],
            &priors(&[(1, 2)]),
            &mut next,
            4,
        );
        assert_eq!(
            (a[0].status, a[0].updated, a[0].first_seen),
            (Status::Updated, 4, 1)
        );
    }
}
