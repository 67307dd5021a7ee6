//! Rumour and speculation: the words that the shared GossipCop data shows to
//! be far more frequent in fabricated stories than in true ones — rumours,
//! "reportedly", "allegedly", feuds, splits, secret weddings and pregnancies,
//! jealous or furious stars, plastic surgery, custody fights.
//!
//! These are topics, not proof: true stories are written about them too. The
//! trained weight says how much each counts.

/// Patterns (see [`super::text::Phrases`] for the syntax).
pub(crate) const PATTERNS: &str = "
rumor|rumors|rumour|rumours|rumored|rumoured|gossip|speculation|speculate|speculated|tabloid|tabloids
claims|claimed|alleged|allegations|alleges
feud|feuding|rift|spat|beef|fighting|fight|fued
split|splitting|splits|breakup|break-up|divorce|divorcing|divorced|separation|separated
on the rocks
calling|called|call it quits
back together|reunite|reunited|reconcile|reconciled|reconciliation
pregnant|pregnancy|expecting|surrogate|baby bump
secretly married|engaged|dating|split|pregnant
jealous|furious|livid|desperate|devastated|upset|fuming|heartbroken|humiliated|terrified
caught|cheating|cheated|affair|fling
plastic surgery
custody
meltdown|breakdown|crisis|rehab|intervention
fears|worried|worry|concerned|concern
mystery|mysterious
shocking|shock|shocked|bombshell|scandal|scandalous
";
