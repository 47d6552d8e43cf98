package gov.hotline.contract.workorder;

/**
 * The caller as public readers may see them: a pseudonymous reference (HMAC of the phone number,
 * stable per caller, so repeated demands can be linked) and a masked phone. Never the number, name
 * or ID number in clear text.
 */
public record CallerRef(String ref, String maskedPhone, boolean anonymous, boolean confidential) {}
