//! What an imported text should give: the `NAME.expect.yaml` beside each text
//! of the import corpora (tests/fixtures/import/, tests/fixtures/import-real/).

use serde::Deserialize;

#[derive(Deserialize)]
pub struct Expect {
    pub title: String,
    pub date: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub kind: Option<String>,
    pub author: Option<String>,
    #[serde(default)]
    pub speakers: Vec<ExpectSpeaker>,
    #[serde(default)]
    pub quotes: Vec<ExpectQuote>,
}

#[derive(Deserialize)]
pub struct ExpectSpeaker {
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
    #[serde(default)]
    pub moderator: bool,
}

#[derive(Deserialize)]
pub struct ExpectQuote {
    pub speaker: String,
    pub text: String,
}
