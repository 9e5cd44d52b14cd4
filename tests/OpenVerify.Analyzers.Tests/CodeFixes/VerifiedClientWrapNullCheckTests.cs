using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// "Verify the chat client where it is received (AsVerified)" in code with nullable annotations off: <c>AsVerified()</c>
/// throws on null, so a value the code itself checks for null is wrapped with <c>?.</c>, and the null check still
/// decides what the program does (the fixed code is compiled against the real assemblies).
/// </summary>
public class VerifiedClientWrapNullCheckTests
{
    private sealed class Test(string source, string fixedSource)
        : AiCallCodeFixTest<VerifiedClientWrapCodeFixProvider>(source, fixedSource, TestReferences.WithVerifiedClients);

    [Fact]
    public Task A_field_the_code_checks_for_null_is_wrapped_with_a_conditional_call() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public sealed class Summarizer
        {
            private readonly IChatClient _chat;

            public Summarizer(IChatClient chat)
            {
                _chat = chat;
            }

            public async Task<string> SummarizeAsync(string text)
            {
                if (_chat == null)
                {
                    return text;
                }

                return (await {|OV0003:_chat.GetResponseAsync(text)|}).Text;
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        public sealed class Summarizer
        {
            private readonly VerifiedChatClient _chat;

            public Summarizer(IChatClient chat)
            {
                _chat = chat?.AsVerified();
            }

            public async Task<string> SummarizeAsync(string text)
            {
                if (_chat == null)
                {
                    return text;
                }

                return (await _chat.GetResponseAsync(text)).Text;
            }
        }
        """).RunAsync();

    [Fact]
    public Task A_local_the_code_checks_for_null_is_wrapped_with_a_conditional_call() => new Test("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public static class Router
        {
            public static async Task<string> AskAsync(IDictionary<string, IChatClient> clients, string name, string question)
            {
                IChatClient chat = clients.TryGetValue(name, out var found) ? found : null;
                if (chat is null)
                {
                    return "no such model";
                }

                var response = await {|OV0003:chat.GetResponseAsync(question)|};
                Use(chat);
                return response.Text;
            }

            private static void Use(IChatClient client) { }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        public static class Router
        {
            public static async Task<string> AskAsync(IDictionary<string, IChatClient> clients, string name, string question)
            {
                VerifiedChatClient chat = (clients.TryGetValue(name, out var found) ? found : null)?.AsVerified();
                if (chat is null)
                {
                    return "no such model";
                }

                var response = await chat.GetResponseAsync(question);
                Use(chat);
                return response.Text;
            }

            private static void Use(IChatClient client) { }
        }
        """).RunAsync();

    [Fact]
    public Task A_primary_constructor_parameter_the_code_checks_for_null_gets_a_conditional_field() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public sealed class Summarizer(IChatClient chat)
        {
            public async Task<string> SummarizeAsync(string text) =>
                chat == null ? text : (await {|OV0003:chat.GetResponseAsync(text)|}).Text;
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        public sealed class Summarizer(IChatClient chat)
        {
            private readonly VerifiedChatClient chat = chat?.AsVerified();

            public async Task<string> SummarizeAsync(string text) =>
                chat == null ? text : (await chat.GetResponseAsync(text)).Text;
        }
        """).RunAsync();
}
