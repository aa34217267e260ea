//! A QR code of a link, drawn as SVG squares from the encoder's modules: no markup is built
//! from the link's text.

use qrcode::{Color, QrCode};
use yew::prelude::*;

/// Light modules around the code, as the standard asks, so phones find its edges.
const QUIET_ZONE: usize = 4;

#[derive(Properties, PartialEq)]
pub struct QrCodeProps {
    pub text: AttrValue,
    /// What the code is of, for its accessible name ("QR code of …").
    pub of: AttrValue,
}

#[function_component(QrCodeView)]
pub fn qr_code_view(props: &QrCodeProps) -> Html {
    let code = use_memo(props.text.clone(), |text| QrCode::new(text.as_bytes()));
    let code = match &*code {
        Ok(code) => code,
        Err(_) => {
            return html! {
                <p class="lab-problem" role="status">{ "This permalink is too long for a QR code: share the link itself, or shorten the code." }</p>
            };
        }
    };
    let width = code.width();
    let size = width + 2 * QUIET_ZONE;
    let dark = code.to_colors();
    let mut path = String::new();
    for (index, color) in dark.iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (index % width + QUIET_ZONE, index / width + QUIET_ZONE);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    html! {
        <svg class="qr-code" role="img" aria-label={format!("QR code of {}", props.of)}
            viewBox={format!("0 0 {size} {size}")} shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
            <rect width={size.to_string()} height={size.to_string()} fill="#fff" />
            <path d={path} fill="#000" />
        </svg>
    }
}
