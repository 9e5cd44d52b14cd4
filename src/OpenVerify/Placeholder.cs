namespace OpenVerify;
