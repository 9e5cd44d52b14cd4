// Copyright (c) Microsoft Corporation. All rights reserved.
// Licensed under the MIT License.

using AIDevGallery.Models;
using AIDevGallery.Samples.Attributes;
using AIDevGallery.Samples.SharedCode;
using Microsoft.Extensions.AI;
using Microsoft.UI.Xaml;
using Microsoft.UI.Xaml.Controls;
using Microsoft.UI.Xaml.Input;
using Microsoft.UI.Xaml.Media;
using System;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AIDevGallery.Samples.OpenSourceModels.LanguageModels;

[GallerySample(
    Name = "Chat",
    Model1Types = [ModelType.LanguageModels, ModelType.PhiSilica],
    Id = "feb39ede-cb55-4e36-9ec6-cf7c5333254f",
    Icon = "\uE8D4",
    Scenario = ScenarioType.TextChat,
    NugetPackageReferences = [
        "CommunityToolkit.Mvvm",
        "CommunityToolkit.WinUI.Converters",
        "Microsoft.Extensions.AI"
    ],
    SharedCode = [
        SharedCodeEnum.Message,
        SharedCodeEnum.ChatTemplateSelector,
    ])]
internal sealed partial class Chat : BaseSamplePage
{
    private CancellationTokenSource? cts;
    public ObservableCollection<Message> Messages { get; } = [];

    private bool isImeActive = true;

    private IChatClient? model;

    // Markers for the assistant's think area (displayed in a dedicated UI region).
    private static readonly string[] ThinkTagOpens = new[] { "<think>", "<thought>", "<reasoning>" };
    private static readonly string[] ThinkTagCloses = new[] { "</think>", "</thought>", "</reasoning>" };
    private static readonly int MaxOpenThinkMarkerLength = ThinkTagOpens.Max(s => s.Length);

    public Chat()
    {
        this.Unloaded += (s, e) => CleanUp();
        this.Loaded += (s, e) => Page_Loaded(); // <exclude-line>
        this.InitializeComponent();
    }

    private ScrollViewer? scrollViewer;

    protected override async Task LoadModelAsync(SampleNavigationParameters sampleParams)
    {
        try
        {
            model = await sampleParams.GetIChatClientAsync();
        }
        catch (Exception ex)
        {
            ShowException(ex);
        }

        sampleParams.NotifyCompletion();
    }

    // <exclude>
    private void Page_Loaded()
    {
        InputBox.Focus(FocusState.Programmatic);
        UpdateRewriteButtonState();
        UpdateClearButtonState();
    }

    // </exclude>
    private void CleanUp()
    {
        CancelResponse();
        model?.Dispose();
    }

    private void CancelResponse()
    {
        StopBtn.Visibility = Visibility.Collapsed;
        SendBtn.Visibility = Visibility.Visible;
        EnableInputBoxWithPlaceholder();
        cts?.Cancel();
        cts?.Dispose();
        cts = null;
    }

    private void TextBox_KeyUp(object sender, KeyRoutedEventArgs e)
    {
        if (e.Key == Windows.System.VirtualKey.Enter &&
            !Microsoft.UI.Input.InputKeyboardSource.GetKeyStateForCurrentThread(Windows.System.VirtualKey.Shift)
                .HasFlag(Windows.UI.Core.CoreVirtualKeyStates.Down) &&
            sender is TextBox &&
            !string.IsNullOrWhiteSpace(InputBox.Text) &&
            isImeActive == false)
        {
            var cursorPosition = InputBox.SelectionStart;
            var text = InputBox.Text;
            if (cursorPosition > 0 && (text[cursorPosition - 1] == '\n' || text[cursorPosition - 1] == '\r'))
            {
                text = text.Remove(cursorPosition - 1, 1);
                InputBox.Text = text;
            }

            InputBox.SelectionStart = cursorPosition - 1;

            SendMessage();
        }
        else
        {
            isImeActive = true;
        }
    }

    private void TextBox_PreviewKeyDown(object sender, KeyRoutedEventArgs e)
    {
        isImeActive = false;
    }

    private void SendMessage()
    {
        if (InputBox.Text.Length > 0)
        {
            AddMessage(InputBox.Text);
            InputBox.Text = string.Empty;
            SendBtn.Visibility = Visibility.Collapsed;
        }
    }

    private void AddMessage(string text)
    {
        if (model == null)
        {
            return;
        }

        Messages.Add(new Message(text.Trim(), DateTime.Now, ChatRole.User));
        UpdateRewriteButtonState();
        UpdateClearButtonState();
        var contentStartedBeingGenerated = false; // <exclude-line>
        NarratorHelper.Announce(InputBox, "Generating response, please wait.", "ChatWaitAnnouncementActivityId"); // <exclude-line>
        SendSampleInteractedEvent("AddMessage"); // <exclude-line>

        Task.Run(async () =>
        {
            var history = Messages.Select(m => new ChatMessage(m.Role, m.Content)).ToList();

            var responseMessage = new Message(string.Empty, DateTime.Now, ChatRole.Assistant)
            {
                IsPending = true
            };

            DispatcherQueue.TryEnqueue(() =>
            {
                Messages.Add(responseMessage);
                UpdateClearButtonState();
                StopBtn.Visibility = Visibility.Visible;
                InputBox.IsEnabled = false;
                InputBox.PlaceholderText = "Please wait for the response to complete before entering a new prompt";
            });

            cts = new CancellationTokenSource();

            history.Insert(0, new ChatMessage(ChatRole.System, "You are a helpful assistant"));

            // <exclude>
            ShowDebugInfo(null);
            var swEnd = Stopwatch.StartNew();
            var swTtft = Stopwatch.StartNew();
            int outputTokens = 0;

            // </exclude>
            int currentThinkTagIndex = -1; // -1 means not inside any think/auxiliary section
            string rolling = string.Empty;

            await foreach (var messagePart in model.GetStreamingResponseAsync(history, null, cts.Token))
            {
                // <exclude>
                if (outputTokens == 0)
                {
                    swTtft.Stop();
                }

                outputTokens++;
                double currentTps = outputTokens / Math.Max(swEnd.Elapsed.TotalSeconds - swTtft.Elapsed.TotalSeconds, 1e-6);
                ShowDebugInfo($"{Math.Round(currentTps)} tokens per second\n{outputTokens} tokens used\n{swTtft.Elapsed.TotalSeconds:0.00}s to first token\n{swEnd.Elapsed.TotalSeconds:0.00}s total");

                // </exclude>
                var part = messagePart;

                DispatcherQueue.TryEnqueue(() =>
                {
                    if (responseMessage.IsPending)
                    {
                        responseMessage.IsPending = false;
                    }

                    // Parse character by character/fragment to identify think tags (e.g., <think>...</think>, <thought>...</thought>)
                    rolling += part;

                    while (!string.IsNullOrEmpty(rolling))
                    {
                        if (currentThinkTagIndex == -1)
                        {
                            // Find the earliest occurring open marker among supported think tags
                            int earliestIdx = -1;
                            int foundTagIndex = -1;
                            for (int i = 0; i < ThinkTagOpens.Length; i++)
                            {
                                int idx = rolling.IndexOf(ThinkTagOpens[i], StringComparison.Ordinal);
                                if (idx >= 0 && (earliestIdx == -1 || idx < earliestIdx))
                                {
                                    earliestIdx = idx;
                                    foundTagIndex = i;
                                }
                            }

                            if (earliestIdx >= 0)
                            {
                                // Output safe content before the start marker
                                if (earliestIdx > 0)
                                {
                                    responseMessage.Content = string.Concat(responseMessage.Content, rolling.AsSpan(0, earliestIdx));
                                }

                                // Enter think mode, discard the marker text itself
                                rolling = rolling.Substring(earliestIdx + ThinkTagOpens[foundTagIndex].Length);
                                currentThinkTagIndex = foundTagIndex;
                                continue;
                            }
                            else
                            {
                                // Start marker not found: only flush safe parts, keep the tail that might form a marker
                                int keep = MaxOpenThinkMarkerLength - 1;
                                if (rolling.Length > keep)
                                {
                                    int flushLen = rolling.Length - keep;
                                    responseMessage.Content = string.Concat(responseMessage.Content.TrimStart(), rolling.AsSpan(0, flushLen));
                                    rolling = rolling.Substring(flushLen);
                                }

                                break;
                            }
                        }
                        else
                        {
                            string closeMarker = ThinkTagCloses[currentThinkTagIndex];
                            int closeIdx = rolling.IndexOf(closeMarker, StringComparison.Ordinal);
                            if (closeIdx >= 0)
                            {
                                // Append content before the closing marker to the think box
                                if (closeIdx > 0)
                                {
                                    responseMessage.ThinkContent = string.Concat(responseMessage.ThinkContent, rolling.AsSpan(0, closeIdx));
                                }

                                // Exit think mode, discard the closing marker
                                rolling = rolling.Substring(closeIdx + closeMarker.Length);
                                currentThinkTagIndex = -1;
                                continue;
                            }
                            else
                            {
                                // Closing marker not found: only flush safe parts, keep the tail that might form a marker
                                int keep = closeMarker.Length - 1;
                                if (rolling.Length > keep)
                                {
                                    int flushLen = rolling.Length - keep;
                                    responseMessage.ThinkContent = string.Concat(responseMessage.ThinkContent, rolling.AsSpan(0, flushLen));
                                    rolling = rolling.Substring(flushLen);
                                }

                                break;
                            }
                        }
                    }

                    // <exclude>
                    if (!contentStartedBeingGenerated)
                    {
                        NarratorHelper.Announce(InputBox, "Response has started generating.", "ChatResponseAnnouncementActivityId");
                        contentStartedBeingGenerated = true;
                    }

                    // </exclude>
                });
            }

            // Flush remaining tail content (if any)
            DispatcherQueue.TryEnqueue(() =>
            {
                responseMessage.IsPending = false;
                if (!string.IsNullOrEmpty(rolling))
                {
                    if (currentThinkTagIndex != -1)
                    {
                        responseMessage.ThinkContent += rolling;
                    }
                    else
                    {
                        responseMessage.Content = responseMessage.Content.TrimStart() + rolling;
                    }
                }
            });

            // <exclude>
            swEnd.Stop();
            double tps = outputTokens / Math.Max(swEnd.Elapsed.TotalSeconds - swTtft.Elapsed.TotalSeconds, 1e-6);
            ShowDebugInfo($"{Math.Round(tps)} tokens per second\n{outputTokens} tokens used\n{swTtft.Elapsed.TotalSeconds:0.00}s to first token\n{swEnd.Elapsed.TotalSeconds:0.00}s total");

            // </exclude>
            cts?.Dispose();
            cts = null;

            DispatcherQueue.TryEnqueue(() =>
            {
                NarratorHelper.Announce(InputBox, "Content has finished generating.", "ChatDoneAnnouncementActivityId"); // <exclude-line>
                StopBtn.Visibility = Visibility.Collapsed;
                SendBtn.Visibility = Visibility.Visible;
                EnableInputBoxWithPlaceholder();
            });
        });
    }

    private void SendBtn_Click(object sender, RoutedEventArgs e)
    {
        SendMessage();
    }

    private void StopBtn_Click(object sender, RoutedEventArgs e)
    {
        CancelResponse();
    }

    private void ClearBtn_Click(object sender, RoutedEventArgs e)
    {
        // Cancel any ongoing response generation before clearing chat
        CancelResponse();
        ClearChat();
    }

    private void RewriteBtn_Click(object sender, RoutedEventArgs e)
    {
        RewriteLastMessage();
    }

    private void InputBox_TextChanged(object sender, TextChangedEventArgs e)
    {
        SendBtn.IsEnabled = !string.IsNullOrWhiteSpace(InputBox.Text);
    }

    private void EnableInputBoxWithPlaceholder()
    {
        InputBox.IsEnabled = true;
        InputBox.PlaceholderText = "Enter your prompt (Press Shift + Enter to insert a newline)";
    }

    private void ClearChat()
    {
        Messages.Clear();
        UpdateRewriteButtonState();
        UpdateClearButtonState();
        SendSampleInteractedEvent("ClearChat"); // <exclude-line>
    }

    private void RewriteLastMessage()
    {
        var lastUserMessage = Messages.LastOrDefault(m => m.Role == ChatRole.User);
        if (lastUserMessage != null)
        {
            InputBox.Text = lastUserMessage.Content;
            InputBox.Focus(FocusState.Programmatic);

            InputBox.SelectionStart = InputBox.Text.Length;
            InputBox.SelectionLength = 0;
            SendSampleInteractedEvent("RewriteLastMessage"); // <exclude-line>
        }
    }

    private void UpdateRewriteButtonState()
    {
        foreach (var message in Messages.Where(m => m.Role == ChatRole.User))
        {
            message.IsLastUserMessage = false;
        }

        var lastUserMessage = Messages.LastOrDefault(m => m.Role == ChatRole.User);
        lastUserMessage?.IsLastUserMessage = true;
    }

    private void UpdateClearButtonState()
    {
        ClearBtn.IsEnabled = Messages.Count > 0;
    }

    private void InvertedListView_Loaded(object sender, RoutedEventArgs e)
    {
        scrollViewer = FindElement<ScrollViewer>(InvertedListView);

        ItemsStackPanel? itemsStackPanel = FindElement<ItemsStackPanel>(InvertedListView);
        if (itemsStackPanel != null)
        {
            itemsStackPanel.SizeChanged += ItemsStackPanel_SizeChanged;
        }
    }

    private void ItemsStackPanel_SizeChanged(object sender, SizeChangedEventArgs e)
    {
        if (scrollViewer != null)
        {
            bool isScrollbarVisible = scrollViewer.ComputedVerticalScrollBarVisibility == Visibility.Visible;

            if (isScrollbarVisible)
            {
                InvertedListView.Padding = new Thickness(-12, 0, 12, 24);
            }
            else
            {
                InvertedListView.Padding = new Thickness(-12, 0, -12, 24);
            }
        }
    }

    private T? FindElement<T>(DependencyObject element)
        where T : DependencyObject
    {
        if (element is T targetElement)
        {
            return targetElement;
        }

        for (int i = 0; i < VisualTreeHelper.GetChildrenCount(element); i++)
        {
            var child = VisualTreeHelper.GetChild(element, i);
            var result = FindElement<T>(child);
            if (result != null)
            {
                return result;
            }
        }

        return null;
    }
}