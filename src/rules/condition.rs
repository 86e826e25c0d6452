//! The condition language of rule files: a small, lawyer-readable boolean language.
//!
//! ```text
//! expr    := and ("or" and)*
//! and     := unary ("and" unary)*
//! unary   := "not" unary | compare
//! compare := atom [("==" | "!=" | "<" | "<=" | ">" | ">=") literal
//!                 | "in" "[" literal ("," literal)* "]" | "contains" literal]
//! atom    := name | "true" | "false" | "(" expr ")"
//! literal := "string" | number | YYYY-MM-DD | timeline.<id>
//! ```
//! Parsing yields names; the loader resolves and type-checks them against the pack.

use crate::rules::Text;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Const(bool),
    Name(Name),
    Compare {
        name: Name,
        op: CmpOp,
        value: Literal,
    },
    In {
        name: Name,
        values: Vec<Literal>,
    },
    Contains {
        name: Name,
        value: Literal,
    },
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub text: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn holds(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Eq => ord == Equal,
            CmpOp::Ne => ord != Equal,
            CmpOp::Lt => ord == Less,
            CmpOp::Le => ord != Greater,
            CmpOp::Gt => ord == Greater,
            CmpOp::Ge => ord != Less,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum LiteralValue {
    Str(String),
    Number(f64),
    Date(chrono::NaiveDate),
    Timeline(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Literal {
    pub value: LiteralValue,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub message: Text,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Number(f64),
    Date(chrono::NaiveDate),
    Op(CmpOp),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    End,
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn next(&mut self) -> Result<(Tok, Range<usize>), ParseError> {
        let bytes = self.src.as_bytes();
        while self.pos < bytes.len() && bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
        let start = self.pos;
        let Some(&c) = bytes.get(self.pos) else {
            return Ok((Tok::End, start..start));
        };
        let err = |message: Text, span: Range<usize>| ParseError { message, span };
        let tok = match c {
            b'(' => {
                self.pos += 1;
                Tok::LParen
            }
            b')' => {
                self.pos += 1;
                Tok::RParen
            }
            b'[' => {
                self.pos += 1;
                Tok::LBracket
            }
            b']' => {
                self.pos += 1;
                Tok::RBracket
            }
            b',' => {
                self.pos += 1;
                Tok::Comma
            }
            b'=' | b'!' | b'<' | b'>' => {
                let two = self.src.get(self.pos..self.pos + 2).unwrap_or("");
                let (op, len) = match (c, two) {
                    (_, "==") => (CmpOp::Eq, 2),
                    (_, "!=") => (CmpOp::Ne, 2),
                    (_, "<=") => (CmpOp::Le, 2),
                    (_, ">=") => (CmpOp::Ge, 2),
                    (b'<', _) => (CmpOp::Lt, 1),
                    (b'>', _) => (CmpOp::Gt, 1),
                    _ => {
                        return Err(err(
                            t!(
                                "expected `==` or `!=` (a single `=` or `!` is not an operator)",
                                "`==` of `!=` verwacht (een enkel `=` of `!` is geen operator)"
                            ),
                            start..start + 1,
                        ));
                    }
                };
                self.pos += len;
                Tok::Op(op)
            }
            b'"' => {
                let rest = &self.src[self.pos + 1..];
                let Some(end) = rest.find('"') else {
                    return Err(err(
                        t!(
                            "unterminated string",
                            "tekst zonder sluitend aanhalingsteken"
                        ),
                        start..self.src.len(),
                    ));
                };
                self.pos += end + 2;
                Tok::Str(rest[..end].to_string())
            }
            b'0'..=b'9' | b'-' | b'.' => {
                let end = self.src[self.pos..]
                    .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '.' || ch == '-'))
                    .map_or(self.src.len(), |i| self.pos + i);
                let text = &self.src[self.pos..end];
                self.pos = end;
                if let Ok(d) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                    Tok::Date(d)
                } else if let Ok(n) = text.parse::<f64>() {
                    if !n.is_finite() {
                        return Err(err(
                            t!("number out of range", "getal buiten bereik"),
                            start..end,
                        ));
                    }
                    Tok::Number(n)
                } else {
                    return Err(err(
                        t!(
                            "`{text}` is neither a number nor a date (YYYY-MM-DD)",
                            "`{text}` is geen getal en geen datum (JJJJ-MM-DD)"
                        ),
                        start..end,
                    ));
                }
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let end = self.src[self.pos..]
                    .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '.'))
                    .map_or(self.src.len(), |i| self.pos + i);
                let text = self.src[self.pos..end].to_string();
                self.pos = end;
                Tok::Ident(text)
            }
            _ => {
                let ch = self.src[self.pos..].chars().next().unwrap_or(' ');
                return Err(err(
                    t!("unexpected character `{ch}`", "onverwacht teken `{ch}`"),
                    start..start + ch.len_utf8(),
                ));
            }
        };
        Ok((tok, start..self.pos))
    }
}

struct Parser<'a> {
    lexer: Lexer<'a>,
    tok: Tok,
    span: Range<usize>,
    depth: usize,
}

const MAX_DEPTH: usize = 64;

pub fn parse(src: &str) -> Result<Expr, ParseError> {
    let mut lexer = Lexer { src, pos: 0 };
    let (tok, span) = lexer.next()?;
    let mut p = Parser {
        lexer,
        tok,
        span,
        depth: 0,
    };
    if p.tok == Tok::End {
        return Err(ParseError {
            message: t!("empty condition", "lege voorwaarde"),
            span: 0..0,
        });
    }
    let e = p.expr()?;
    if p.tok != Tok::End {
        return Err(p.unexpected(t!(
            "`and`, `or` or the end of the condition",
            "`and`, `or` of het einde van de voorwaarde"
        )));
    }
    Ok(e)
}

impl Parser<'_> {
    fn bump(&mut self) -> Result<(), ParseError> {
        let (tok, span) = self.lexer.next()?;
        self.tok = tok;
        self.span = span;
        Ok(())
    }

    fn unexpected(&self, expected: Text) -> ParseError {
        let Text { en, nl } = expected;
        let Text {
            en: found_en,
            nl: found_nl,
        } = match &self.tok {
            Tok::End => t!("the end of the condition", "het einde van de voorwaarde"),
            _ => {
                let found = &self.lexer.src[self.span.clone()];
                t!("`{found}`", "`{found}`")
            }
        };
        ParseError {
            message: t!(
                "expected {en}, found {found_en}",
                "{nl} verwacht, {found_nl} gevonden"
            ),
            span: self.span.clone(),
        }
    }

    fn is_kw(&self, kw: &str) -> bool {
        matches!(&self.tok, Tok::Ident(s) if s == kw)
    }

    fn expr(&mut self) -> Result<Expr, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError {
                message: t!("condition nested too deeply", "voorwaarde te diep genest"),
                span: self.span.clone(),
            });
        }
        let mut items = vec![self.and()?];
        while self.is_kw("or") {
            self.bump()?;
            items.push(self.and()?);
        }
        self.depth -= 1;
        Ok(if items.len() == 1 {
            items.pop().unwrap_or(Expr::Const(false))
        } else {
            Expr::Or(items)
        })
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut items = vec![self.unary()?];
        while self.is_kw("and") {
            self.bump()?;
            items.push(self.unary()?);
        }
        Ok(if items.len() == 1 {
            items.pop().unwrap_or(Expr::Const(false))
        } else {
            Expr::And(items)
        })
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        if self.is_kw("not") {
            self.bump()?;
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(ParseError {
                    message: t!("condition nested too deeply", "voorwaarde te diep genest"),
                    span: self.span.clone(),
                });
            }
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        self.compare()
    }

    fn compare(&mut self) -> Result<Expr, ParseError> {
        match self.tok.clone() {
            Tok::LParen => {
                self.bump()?;
                let e = self.expr()?;
                if self.tok != Tok::RParen {
                    return Err(self.unexpected(t!("`)`", "`)`")));
                }
                self.bump()?;
                Ok(e)
            }
            Tok::Ident(word) if word == "true" || word == "false" => {
                self.bump()?;
                Ok(Expr::Const(word == "true"))
            }
            Tok::Ident(word) if ["and", "or", "in", "contains"].contains(&word.as_str()) => {
                Err(self.unexpected(t!(
                    "a question or finding id",
                    "een id van een vraag of bevinding"
                )))
            }
            Tok::Ident(word) => {
                let name = Name {
                    text: word,
                    span: self.span.clone(),
                };
                self.bump()?;
                match self.tok.clone() {
                    Tok::Op(op) => {
                        self.bump()?;
                        let value = self.literal()?;
                        Ok(Expr::Compare { name, op, value })
                    }
                    Tok::Ident(kw) if kw == "contains" => {
                        self.bump()?;
                        let value = self.literal()?;
                        Ok(Expr::Contains { name, value })
                    }
                    Tok::Ident(kw) if kw == "in" => {
                        self.bump()?;
                        if self.tok != Tok::LBracket {
                            return Err(self.unexpected(t!("`[` after `in`", "`[` na `in`")));
                        }
                        self.bump()?;
                        let mut values = vec![self.literal()?];
                        while self.tok == Tok::Comma {
                            self.bump()?;
                            if self.tok == Tok::RBracket {
                                break;
                            }
                            values.push(self.literal()?);
                        }
                        if self.tok != Tok::RBracket {
                            return Err(self.unexpected(t!("`,` or `]`", "`,` of `]`")));
                        }
                        self.bump()?;
                        Ok(Expr::In { name, values })
                    }
                    _ => Ok(Expr::Name(name)),
                }
            }
            _ => Err(self.unexpected(t!(
                "a question or finding id, `not`, `true`, `false` or `(`",
                "een id van een vraag of bevinding, `not`, `true`, `false` of `(`"
            ))),
        }
    }

    fn literal(&mut self) -> Result<Literal, ParseError> {
        let span = self.span.clone();
        let value = match self.tok.clone() {
            Tok::Str(s) => LiteralValue::Str(s),
            Tok::Number(n) => LiteralValue::Number(n),
            Tok::Date(d) => LiteralValue::Date(d),
            Tok::Ident(s) if s.starts_with("timeline.") => {
                LiteralValue::Timeline(s["timeline.".len()..].to_string())
            }
            _ => {
                return Err(self.unexpected(t!(
                    "a value: \"text\", a number, a date (YYYY-MM-DD) or timeline.<id>",
                    "een waarde: \"tekst\", een getal, een datum (JJJJ-MM-DD) of timeline.<id>"
                )));
            }
        };
        self.bump()?;
        Ok(Literal { value, span })
    }
}

impl Expr {
    /// Every name the expression mentions, in order.
    pub fn names(&self) -> Vec<&Name> {
        let mut out = Vec::new();
        self.collect_names(&mut out);
        out
    }

    fn collect_names<'a>(&'a self, out: &mut Vec<&'a Name>) {
        match self {
            Expr::Const(_) => {}
            Expr::Name(n) => out.push(n),
            Expr::Compare { name, .. } | Expr::In { name, .. } | Expr::Contains { name, .. } => {
                out.push(name)
            }
            Expr::Not(e) => e.collect_names(out),
            Expr::And(v) | Expr::Or(v) => v.iter().for_each(|e| e.collect_names(out)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(e: &Expr) -> Vec<String> {
        e.names().iter().map(|n| n.text.clone()).collect()
    }

    #[test]
    fn precedence_not_and_or() {
        let e = parse("not a and b or c").unwrap();
        match e {
            Expr::Or(items) => {
                assert!(matches!(&items[0], Expr::And(v) if matches!(v[0], Expr::Not(_))));
                assert!(matches!(&items[1], Expr::Name(n) if n.text == "c"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn comparisons_and_literals() {
        let e = parse(
            r#"area != "none" and purposes contains "chatbot" and placed < 2026-08-02 and x in ["a", "b"] and flops > 1e25 and d >= timeline.general_application"#,
        )
        .unwrap();
        assert_eq!(names(&e), ["area", "purposes", "placed", "x", "flops", "d"]);
    }

    #[test]
    fn errors_point_at_the_problem() {
        let err = parse("a and = b").unwrap_err();
        assert_eq!(err.span, 6..7);
        let err = parse("a and").unwrap_err();
        assert!(
            err.message.en.contains("end of the condition"),
            "{}",
            err.message.en
        );
        let err = parse("(a or b").unwrap_err();
        assert!(err.message.en.contains("`)`"));
        assert!(parse("").is_err());
        assert!(parse("a b").is_err());
        assert!(parse("\"x").is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let src = "(".repeat(10_000) + "a" + &")".repeat(10_000);
        assert!(parse(&src).is_err());
        let src = "not ".repeat(10_000) + "a";
        assert!(parse(&src).is_err());
    }
}
