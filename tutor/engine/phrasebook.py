"""Every error and note the engine shows, in English and Korean, by key.

Placeholders hold code, numbers, shapes, Keras names or other phrases, never English
words, so the Korean text is Korean whatever fills it (`tests/engine/test_korean.py`
checks each entry)."""

from __future__ import annotations

PHRASES: dict[str, tuple[str, str]] = {
    "at_line": ("line {line}: {text}", "{line}번째 줄: {text}"),
    "layer_label": ("{name} ({cls}): {text}", "{name} ({cls}): {text}"),
    # the explain table
    "fed_by": ("from: {names}", "입력: {names}"),
    "notes_heading": ("Notes:", "참고:"),
    "input_heading": ("Input: {shapes}", "입력: {shapes}"),
    "layer_heading": ("Layer (type)", "층 (종류)"),
    "shape_heading": ("Output shape", "출력 모양"),
    "params_heading": ("Params", "파라미터"),
    "total_params": ("Total params: {count}", "전체 파라미터: {count}"),
    "trainable_params": ("Trainable params: {count}", "학습되는 파라미터: {count}"),
    "non_trainable_params": ("Non-trainable params: {count}", "학습되지 않는 파라미터: {count}"),
    # reading the source
    "source_too_long": (
        "the source is too long to read ({length} characters; the limit is {limit})",
        "소스가 너무 길어 읽지 않습니다 ({length}자, 최대 {limit}자)",
    ),
    "took_too_long": (
        "the source took too long to read",
        "소스를 읽는 데 너무 오래 걸려 멈췄습니다",
    ),
    "took_too_many_steps": (
        "the source took too long to read (too many steps)",
        "소스를 읽는 데 너무 오래 걸려 멈췄습니다 (단계가 너무 많음)",
    ),
    "invalid_syntax": ("invalid syntax", "문법 오류"),
    "invalid_syntax_detail": ("invalid syntax ({detail})", "문법 오류 ({detail})"),
    # Python's own words for a syntax error (keys `python_*`): English is Python's text,
    # Korean says the same where the kind of mistake is known, and leaves it out otherwise.
    "python_syntax": ("invalid syntax ({text})", "문법 오류"),
    "python_comma": ("{text}", "쉼표가 빠진 것 같습니다"),
    "python_never_closed": ("{text}", "'{bracket}'가 닫히지 않았습니다"),
    "python_unmatched": ("{text}", "짝이 없는 '{bracket}'"),
    "python_colon": ("{text}", "':'가 필요합니다"),
    "python_indent": ("{text}", "들여쓰기가 맞지 않습니다"),
    "python_string": ("{text}", "문자열이 끝나지 않았습니다"),
    "not_python": ("the source cannot be read as Python", "소스를 파이썬 코드로 읽을 수 없습니다"),
    "nested_too_deeply": (
        "the source is nested too deeply to read",
        "소스가 너무 깊이 중첩되어 읽을 수 없습니다",
    ),
    "too_large": (
        "{code} is too large to be a layer argument",
        "{code}: 층 인자로 쓰기에 너무 큽니다",
    ),
    "too_long_value": (
        "{code} grows too large for the tutor to follow",
        "{code}: 튜터가 따라가기에는 너무 커집니다",
    ),
    "cannot_compute": ("cannot compute {code}", "{code}를 계산할 수 없습니다"),
    # arguments of a call
    "starred_argument": ("*{code} cannot be read", "*{code}는 읽을 수 없습니다"),
    "double_starred_argument": (
        "**{code} cannot be read; write the arguments out",
        "**{code}는 읽을 수 없습니다. 인자를 하나씩 적어 주세요",
    ),
    "too_many_positional": (
        "{what} takes at most {count} positional arguments",
        "{what}는 위치 인자를 최대 {count}개 받습니다",
    ),
    "argument_twice": ("{what} got {key}= twice", "{what}에 {key}=가 두 번 주어졌습니다"),
    "no_argument": ("{cls} has no argument {key}=", "{cls}에는 {key}= 인자가 없습니다"),
    "no_argument_suggest": (
        "{cls} has no argument {key}= (did you mean {close}=?)",
        "{cls}에는 {key}= 인자가 없습니다 ({close}=를 쓰려던 것인가요?)",
    ),
    "must_be_literal": (
        "{key} must be a literal (got {code})",
        "{key}에는 리터럴 값을 써야 합니다 (받은 것: {code})",
    ),
    "known_at_run_time": (
        "{key} is known only at run time (got {code}, from {reason})",
        "{key}는 실행해야만 알 수 있습니다 ({code}: {reason})",
    ),
    "backward_layer": (
        "backward_layer= is not supported by the tutor",
        "backward_layer=는 튜터가 지원하지 않습니다",
    ),
    "wrapper_needs_layer": (
        "{cls} needs a layer to wrap, e.g. {cls}(layers.LSTM(64))",
        "{cls}에는 감쌀 층이 필요합니다. 예: {cls}(layers.LSTM(64))",
    ),
    "refused_lambda": (
        "{cls} runs a function of yours, so its output shape is known only at run time",
        "{cls}는 직접 작성한 함수를 실행하므로 출력 형태는 실행해야만 알 수 있습니다",
    ),
    "refused_adapt": (
        "{cls} learns its state from data (adapt()), so the tutor cannot work it out from "
        "the code",
        "{cls}는 데이터에서 상태를 배우므로(adapt()) 코드만으로는 계산할 수 없습니다",
    ),
    # keras.Input, Sequential, Model
    "input_needs_shape": (
        "Input needs shape=..., e.g. shape=(28, 28, 1)",
        "Input에는 shape=...가 필요합니다. 예: shape=(28, 28, 1)",
    ),
    "shape_must_be_tuple": (
        "shape must be a tuple, e.g. shape=({value},)",
        "shape는 튜플이어야 합니다. 예: shape=({value},)",
    ),
    "shape_not_tuple": (
        "{key} must be a tuple of positive integers or None (got {value})",
        "{key}는 양의 정수나 None으로 된 튜플이어야 합니다 (받은 것: {value})",
    ),
    "batch_size_positive": (
        "batch_size must be a positive integer (got {value})",
        "batch_size는 양의 정수여야 합니다 (받은 것: {value})",
    ),
    "input_first": (
        "keras.Input must come before the layers",
        "keras.Input은 층들보다 앞에 와야 합니다",
    ),
    "sequential_needs_list": (
        "Sequential needs a written-out list of layers (got {code})",
        "Sequential에는 층을 적은 리스트가 필요합니다 (받은 것: {code})",
    ),
    "sequential_list_run_time": (
        "the layers of Sequential are known only at run time (got {code}, from {reason})",
        "Sequential의 층은 실행해야만 알 수 있습니다 ({code}: {reason})",
    ),
    "add_needs_layer": ("add() needs a layer", "add()에는 층이 필요합니다"),
    "pop_empty": (
        "model.pop() on a model without layers",
        "층이 없는 모델에 model.pop()을 호출했습니다",
    ),
    "build_needs_shape": (
        "build() needs input_shape=..., e.g. (None, 784)",
        "build()에는 input_shape=...가 필요합니다. 예: (None, 784)",
    ),
    "build_needs_batch": (
        "build() needs (batch, ...) such as (None, 784)",
        "build()에는 (배치, ...) 형태가 필요합니다. 예: (None, 784)",
    ),
    "no_layers": ("the model has no layers", "모델에 층이 없습니다"),
    "too_many_layers": (
        "the model has more than {limit} layers",
        "모델의 층이 {limit}개를 넘습니다",
    ),
    "input_unknown": (
        "the model's input shape is unknown; put keras.Input(shape=...) first",
        "모델의 입력 형태를 알 수 없습니다. 맨 앞에 keras.Input(shape=...)을 넣어 주세요",
    ),
    "not_a_layer": ("cannot read {code} as a layer", "{code}를 층으로 읽을 수 없습니다"),
    "layer_at_run_time": (
        "{code} is known only at run time (from {reason}), so it cannot be read as a layer",
        "{code}는 실행해야만 알 수 있어({reason}) 층으로 읽을 수 없습니다",
    ),
    "unknown_layer": (
        "unknown layer '{name}'; supported: {supported}",
        "알 수 없는 층 '{name}'. 지원하는 층: {supported}",
    ),
    "unknown_layer_suggest": (
        "unknown layer '{name}'; did you mean {close}?",
        "알 수 없는 층 '{name}'. {close}를 쓰려던 것인가요?",
    ),
    "pretrained_model": (
        "{code} is a pretrained model from keras.applications, whose layers are not written "
        "in the file; the tutor reads the layers you write",
        "{code}는 keras.applications의 사전 학습 모델이라 층이 파일에 드러나 있지 않습니다. "
        "튜터는 직접 적은 층만 읽습니다",
    ),
    "model_in_model": (
        "a model used as a layer of another model is not supported by the tutor",
        "모델을 다른 모델의 층으로 쓰는 것은 튜터가 지원하지 않습니다",
    ),
    "model_as_layer": (
        "{code} is a model; calling a model like a layer is not supported by the tutor",
        "{code}는 모델입니다. 모델을 층처럼 호출하는 것은 튜터가 지원하지 않습니다",
    ),
    "tensor_not_layer": (
        "{code} is a tensor, not a layer: add the layer itself",
        "{code}는 층이 아니라 텐서입니다. 층 자체를 넣어 주세요",
    ),
    "layer_call_keyword": (
        "{name}(..., {key}=...) is not read by the tutor",
        "{name}(..., {key}=...)는 튜터가 읽지 않습니다",
    ),
    "layer_call_needs_input": (
        "{name}() needs a tensor, e.g. {name}(x)",
        "{name}()에는 텐서가 필요합니다. 예: {name}(x)",
    ),
    "layer_call_not_tensor": (
        "{name} is called on {code}, which is not a tensor from keras.Input or a layer",
        "{name}를 {code}에 호출했지만, 이것은 keras.Input이나 층에서 나온 텐서가 아닙니다",
    ),
    "tensor_arithmetic": (
        "{code}: arithmetic on Keras tensors is not read by the tutor; use layers.Add(), "
        "layers.Multiply() and the like",
        "{code}: Keras 텐서끼리의 연산은 튜터가 읽지 않습니다. layers.Add(), "
        "layers.Multiply() 같은 층을 써 주세요",
    ),
    "unknown_tensor_call": (
        "{code}(...) on a Keras tensor is not read by the tutor; it reads Keras layers only",
        "Keras 텐서에 쓴 {code}(...)는 튜터가 읽지 않습니다. Keras 층만 읽습니다",
    ),
    "model_needs_inputs_outputs": (
        "keras.Model needs both inputs and outputs",
        "keras.Model에는 inputs와 outputs가 모두 필요합니다",
    ),
    "model_tensors": (
        "the model's {which} must be tensors from keras.Input and layer calls (got {code})",
        "모델의 {which}는 keras.Input과 층 호출에서 나온 텐서여야 합니다 (받은 것: {code})",
    ),
    "model_tensors_run_time": (
        "the model's {which} are known only at run time (got {code}, from {reason})",
        "모델의 {which}는 실행해야만 알 수 있습니다 ({code}: {reason})",
    ),
    "model_input_not_input": (
        "{code}: a model's inputs must come from keras.Input",
        "{code}: 모델의 inputs는 keras.Input에서 나와야 합니다",
    ),
    "input_twice": (
        "the input {name} is listed twice in the model's inputs",
        "입력 {name}가 모델의 inputs에 두 번 들어 있습니다",
    ),
    "graph_disconnected": (
        "the outputs need the input {name} (line {line}), which is not among the model's "
        "inputs",
        "출력을 계산하려면 입력 {name}({line}번째 줄)가 필요한데, 모델의 inputs에 없습니다",
    ),
    "no_model": (
        "no Keras model found: write keras.Sequential([...]) or keras.Model(inputs, outputs)",
        "Keras 모델을 찾지 못했습니다. keras.Sequential([...])이나 "
        "keras.Model(inputs, outputs)로 만들어 주세요",
    ),
    "subclassed_model": (
        "{name} subclasses a Keras class; the tutor reads Sequential and functional models, "
        "whose layers are written out",
        "{name}는 Keras 클래스를 상속합니다. 튜터는 층이 드러나 있는 Sequential 모델과 "
        "함수형 모델만 읽습니다",
    ),
    "model_changed": (
        "the model depends on {reason}, so the tutor cannot know its layers without running "
        "the code",
        "모델이 {reason}에 달려 있어, 코드를 실행하지 않고는 층을 알 수 없습니다",
    ),
    "model_from": (
        "the model comes from {reason}, so the tutor cannot know its layers without running "
        "the code",
        "모델이 {reason}에서 나오므로, 코드를 실행하지 않고는 층을 알 수 없습니다",
    ),
    # why a value is known only at run time (noun phrases, each with its line)
    "reason_input": ("input() on line {line}", "{line}번째 줄의 input()"),
    "reason_environment": (
        "an environment variable read on line {line}",
        "{line}번째 줄에서 읽은 환경 변수",
    ),
    "reason_argv": (
        "the command line (sys.argv) read on line {line}",
        "{line}번째 줄에서 읽은 명령줄 인자(sys.argv)",
    ),
    "reason_random": (
        "{code} on line {line}, which changes from run to run",
        "{line}번째 줄의 {code} (실행할 때마다 달라짐)",
    ),
    "reason_user_call": (
        "{name}(), a function of this file called on line {line}, which the tutor does not run",
        "튜터가 실행하지 않는, {line}번째 줄에서 호출한 이 파일의 함수 {name}()",
    ),
    "reason_subclass": (
        "{name}, a subclass of a Keras class (line {line})",
        "Keras 클래스를 상속한 {name} ({line}번째 줄)",
    ),
    "reason_parameter": (
        "the parameter {name} of {function}() (line {line}), known only when it is called",
        "{function}()의 매개변수 {name} ({line}번째 줄, 호출될 때에만 정해짐)",
    ),
    "reason_comprehension": (
        "a list comprehension on line {line} over values known only at run time",
        "{line}번째 줄의 리스트 내포 (실행해야 아는 값을 돎)",
    ),
    "reason_if": (
        "an if on line {line} whose condition ({code}) is known only at run time",
        "{line}번째 줄의 if (조건 {code}는 실행해야 알 수 있음)",
    ),
    "reason_while": (
        "a while loop on line {line} whose condition ({code}) is known only at run time",
        "{line}번째 줄의 while 반복문 (조건 {code}는 실행해야 알 수 있음)",
    ),
    "reason_for": (
        "a for loop on line {line} over {code}, known only at run time",
        "{line}번째 줄의 for 반복문 ({code}는 실행해야 알 수 있음)",
    ),
    "reason_try": (
        "a try block on line {line}, where what runs is known only at run time",
        "{line}번째 줄의 try 블록 (어느 부분이 실행될지는 실행해야 알 수 있음)",
    ),
    "reason_match": (
        "a match statement on line {line}",
        "{line}번째 줄의 match 문",
    ),
    "reason_statement": (
        "the statement on line {line}, which the tutor does not follow",
        "튜터가 따라가지 않는 {line}번째 줄의 문장",
    ),
    "reason_unknown_extend": (
        "items added on line {line} that are known only at run time",
        "{line}번째 줄에서 더한, 실행해야 아는 항목들",
    ),
    "reason_trainable": (
        "{code} set on line {line} on something the tutor cannot follow",
        "{line}번째 줄에서 튜터가 따라갈 수 없는 대상에 설정한 {code}",
    ),
    # old Keras, translated with a note
    "both_spellings": (
        "{written} got both {old}= and {new}=",
        "{written}에 {old}=와 {new}=가 함께 주어졌습니다",
    ),
    "nb_row_nb_col": (
        "write kernel_size=(rows, cols) for nb_row/nb_col",
        "nb_row/nb_col 대신 kernel_size=(rows, cols)로 써 주세요",
    ),
    "note_names_unsure": (
        "automatic layer names after {reason} may be numbered differently by Keras: a layer "
        "made there takes a number only when it runs",
        "{reason} 뒤에 자동으로 붙은 층 이름은 Keras와 번호가 다를 수 있습니다. 그 안에서 "
        "만든 층은 실제로 실행될 때에만 번호를 차지합니다",
    ),
    "note_renamed": (
        "{old}= is old Keras; Keras 3 calls it {new}=",
        "{old}=는 옛 Keras 표기입니다. Keras 3에서는 {new}=입니다",
    ),
    "note_renamed_input": (
        "{old}= is old Keras; Keras 3 writes {new}=",
        "{old}=는 옛 Keras 표기입니다. Keras 3에서는 {new}=로 씁니다",
    ),
    "note_nb_row": (
        "nb_row=, nb_col= are old Keras; Keras 3 writes kernel_size=(rows, cols)",
        "nb_row=, nb_col=는 옛 Keras 표기입니다. Keras 3에서는 kernel_size=(rows, cols)로 씁니다",
    ),
    "note_convolution_strides": (
        "the third argument of {cls} is strides in Keras 3; Keras 1's {written}(32, 3, 3) is "
        "{cls}(32, (3, 3))",
        "Keras 3에서 {cls}의 세 번째 인자는 strides입니다. Keras 1의 {written}(32, 3, 3)은 "
        "{cls}(32, (3, 3))입니다",
    ),
    "note_input_ignored": (
        "{keys} on a later layer is ignored",
        "첫 층이 아닌 층의 {keys}는 무시됩니다",
    ),
    "note_input_length": (
        "input_length= is not needed in Keras 3; start with keras.Input(shape={shape})",
        "Keras 3에서는 input_length=가 필요 없습니다. keras.Input(shape={shape})로 시작하세요",
    ),
    "note_input_old_style": (
        "{keys} is old style; Keras 3 starts with keras.Input(shape={shape})",
        "{keys}는 옛 방식입니다. Keras 3에서는 keras.Input(shape={shape})로 시작합니다",
    ),
    "note_old_submodule": (
        "keras.layers.{old} is old Keras; Keras 3 imports layers from keras.layers",
        "keras.layers.{old}는 옛 Keras 표기입니다. Keras 3에서는 keras.layers에서 가져옵니다",
    ),
    "note_old_submodule_call": (
        "keras.layers.{old} is old Keras; Keras 3 writes keras.layers.{written}",
        "keras.layers.{old}는 옛 Keras 표기입니다. Keras 3에서는 keras.layers.{written}로 씁니다",
    ),
    # a layer's arguments
    "arg_required": ("{key} is required", "{key}가 필요합니다"),
    "arg_unsupported": (
        "{key}={value} is not supported by the tutor",
        "{key}={value}는 튜터가 지원하지 않습니다",
    ),
    "arg_positive_int": (
        "{key} must be a positive integer (got {value})",
        "{key}는 양의 정수여야 합니다 (받은 것: {value})",
    ),
    "arg_positive_int_or_tuple": (
        "{key} must be a positive integer or a tuple of {rank} (got {value})",
        "{key}는 양의 정수이거나 그런 수 {rank}개의 튜플이어야 합니다 (받은 것: {value})",
    ),
    "arg_non_negative_int": (
        "{key} must be a non-negative integer (got {value})",
        "{key}는 0 이상의 정수여야 합니다 (받은 것: {value})",
    ),
    "arg_non_negative_int_or_tuple": (
        "{key} must be a non-negative integer or a tuple of {rank} (got {value})",
        "{key}는 0 이상의 정수이거나 그런 수 {rank}개의 튜플이어야 합니다 (받은 것: {value})",
    ),
    "arg_pairs": (
        "{key} must be an integer, a tuple of {rank} integers or a tuple of {rank} pairs "
        "(got {value})",
        "{key}는 정수, 정수 {rank}개의 튜플, 또는 쌍 {rank}개의 튜플이어야 합니다 "
        "(받은 것: {value})",
    ),
    "arg_flag": (
        "{key} must be True or False (got {value})",
        "{key}는 True나 False여야 합니다 (받은 것: {value})",
    ),
    "arg_choice": (
        "{key} must be one of {options} (got {value})",
        "{key}는 {options} 중 하나여야 합니다 (받은 것: {value})",
    ),
    "arg_fraction": (
        "{key} must be a number from 0 to 1 (got {value})",
        "{key}는 0에서 1 사이의 수여야 합니다 (받은 것: {value})",
    ),
    "arg_non_negative_number": (
        "{key} must be a number of at least 0 (got {value})",
        "{key}는 0 이상의 수여야 합니다 (받은 것: {value})",
    ),
    "arg_integer": (
        "{key} must be an integer (got {value})",
        "{key}는 정수여야 합니다 (받은 것: {value})",
    ),
    "bad_name": (
        "{cls}: name must be a non-empty string without '/' (got {value})",
        "{cls}: name은 '/'가 없는 비어 있지 않은 문자열이어야 합니다 (받은 것: {value})",
    ),
    "bad_input_shape": (
        "the input shape must be a tuple of positive integers or None (got {value})",
        "입력 형태는 양의 정수나 None으로 된 튜플이어야 합니다 (받은 것: {value})",
    ),
    "name_taken": (
        "another layer is already named {name}; names must be unique",
        "이미 {name}라는 이름의 층이 있습니다. 이름은 겹치면 안 됩니다",
    ),
    # what a layer needs of its input
    "rank": ("expects a {rank}D input {layout}, got {shape}",
             "{rank}차원 입력 {layout}이 필요한데 {shape}를 받았습니다"),
    "rank_needs_channels": (
        "expects a {rank}D input {layout}, got {shape}; add a channels axis, e.g. "
        "keras.Input(shape=(28, 28, 1))",
        "{rank}차원 입력 {layout}이 필요한데 {shape}를 받았습니다. 채널 축을 더해 주세요. "
        "예: keras.Input(shape=(28, 28, 1))",
    ),
    "dense_rank": (
        "expects an input of at least 2D (batch, features), got {shape}",
        "2차원 이상의 입력 (배치, 특성)이 필요한데 {shape}를 받았습니다",
    ),
    "sequence_rank": (
        "expects a 3D input (batch, timesteps, features), got {shape}",
        "3차원 입력 (배치, 시간 스텝, 특성)이 필요한데 {shape}를 받았습니다",
    ),
    "images_rank": (
        "expects images (batch, height, width, channels), got {shape}",
        "이미지 입력 (배치, 높이, 너비, 채널)이 필요한데 {shape}를 받았습니다",
    ),
    "repeat_vector_rank": (
        "expects a 2D input (batch, features), got {shape}",
        "2차원 입력 (배치, 특성)이 필요한데 {shape}를 받았습니다",
    ),
    "spatial_dropout_rank": (
        "expects a {rank}D input (batch, ..., channels), got {shape}",
        "{rank}차원 입력 (배치, ..., 채널)이 필요한데 {shape}를 받았습니다",
    ),
    "time_distributed_rank": (
        "expects at least a 3D input (batch, time, ...), got {shape}",
        "3차원 이상의 입력 (배치, 시간, ...)이 필요한데 {shape}를 받았습니다",
    ),
    "layout_1d": ("(batch, steps, channels)", "(배치, 스텝, 채널)"),
    "layout_2d": ("(batch, height, width, channels)", "(배치, 높이, 너비, 채널)"),
    "layout_3d": ("(batch, depth, height, width, channels)", "(배치, 깊이, 높이, 너비, 채널)"),
    "layout_time_1d": ("(batch, time, steps, channels)", "(배치, 시간, 스텝, 채널)"),
    "layout_time_2d": (
        "(batch, time, height, width, channels)",
        "(배치, 시간, 높이, 너비, 채널)",
    ),
    "layout_time_3d": (
        "(batch, time, depth, height, width, channels)",
        "(배치, 시간, 깊이, 높이, 너비, 채널)",
    ),
    "last_axis_none": (
        "the last axis of {shape} is None, so the weights cannot be sized",
        "{shape}의 마지막 축이 None이라 가중치 크기를 정할 수 없습니다",
    ),
    "last_axis_none_flatten": (
        "the last axis of {shape} is None, so the weights cannot be sized (Flatten gives "
        "None when a dimension is unknown)",
        "{shape}의 마지막 축이 None이라 가중치 크기를 정할 수 없습니다 (모르는 차원이 "
        "있으면 Flatten의 결과도 None)",
    ),
    "channels_none": (
        "the channels axis is None, so the kernels cannot be sized; got {shape}",
        "채널 축이 None이라 커널 크기를 정할 수 없습니다. 받은 형태: {shape}",
    ),
    "features_none": (
        "the features axis of {shape} is None, so the weights cannot be sized",
        "{shape}의 특성 축이 None이라 가중치 크기를 정할 수 없습니다",
    ),
    "not_feature_axis": (
        "axis={axis} is not a feature axis of {shape}",
        "axis={axis}는 {shape}의 특성 축이 아닙니다",
    ),
    "normalized_axis_none": (
        "axis {axis} of {shape} is None, so gamma and beta cannot be sized",
        "{shape}의 축 {axis}가 None이라 gamma와 beta 크기를 정할 수 없습니다",
    ),
    "prelu_none": (
        "an axis of {shape} is None, so alpha cannot be sized",
        "{shape}에 None인 축이 있어 alpha 크기를 정할 수 없습니다",
    ),
    "prelu_shared_axes": (
        "shared_axes must number axes of {shape} from 1 (got {value})",
        "shared_axes는 {shape}의 축을 1부터 센 번호여야 합니다 (받은 것: {value})",
    ),
    # convolution and pooling
    "groups_divide": (
        "groups={groups} must divide both the input channels ({channels}) and filters "
        "({filters})",
        "groups={groups}는 입력 채널 수({channels})와 필터 수({filters})를 모두 나누어떨어지게 "
        "해야 합니다",
    ),
    "strides_and_dilation": (
        "strides > 1 cannot be combined with dilation_rate > 1",
        "strides > 1과 dilation_rate > 1은 함께 쓸 수 없습니다",
    ),
    "output_padding_below_strides": (
        "output_padding must be less than strides on every axis (axis {axis}: {extra} >= "
        "{stride})",
        "output_padding은 모든 축에서 strides보다 작아야 합니다 (축 {axis}: {extra} >= "
        "{stride})",
    ),
    "kernel_does_not_fit": (
        "a {window} kernel does not fit a {sizes} input{dilated} with padding='valid': "
        "{formula}",
        "{window} 커널이 {sizes} 입력{dilated}에 padding='valid'로는 들어가지 않습니다: "
        "{formula}",
    ),
    "kernel_does_not_fit_1d": (
        "a kernel of size {size} does not fit an input of length {length}{dilated} with "
        "padding='valid': {formula}",
        "크기 {size}의 커널이 길이 {length}의 입력{dilated}에 padding='valid'로는 들어가지 "
        "않습니다: {formula}",
    ),
    "pool_does_not_fit": (
        "a {window} pool does not fit a {sizes} input{dilated} with padding='valid': {formula}",
        "{window} 풀링 창이 {sizes} 입력{dilated}에 padding='valid'로는 들어가지 않습니다: "
        "{formula}",
    ),
    "pool_does_not_fit_1d": (
        "a pool of size {size} does not fit an input of length {length}{dilated} with "
        "padding='valid': {formula}",
        "크기 {size}의 풀링 창이 길이 {length}의 입력{dilated}에 padding='valid'로는 "
        "들어가지 않습니다: {formula}",
    ),
    # normalization and reshaping
    "groups_split": (
        "groups={groups} must divide the {size} channels",
        "groups={groups}는 채널 {size}개를 나누어떨어지게 해야 합니다",
    ),
    "reshape_target": (
        "target_shape must be a tuple of positive integers with at most one -1 (got {value})",
        "target_shape는 양의 정수로 된 튜플이어야 하고 -1은 하나까지 쓸 수 있습니다 "
        "(받은 것: {value})",
    ),
    "reshape_total": (
        "cannot reshape {shape} ({written} = {total} values) to {target} ({target_written} = "
        "{target_total} values)",
        "{shape}({written} = 값 {total}개)를 {target}({target_written} = 값 {target_total}개)로 "
        "바꿀 수 없습니다",
    ),
    "reshape_solve": (
        "cannot reshape {shape} ({total} values) to {target}: -1 = {total} / {known} is not a "
        "whole number",
        "{shape}(값 {total}개)를 {target}로 바꿀 수 없습니다: -1 = {total} / {known}이 "
        "정수가 아닙니다",
    ),
    "cropping_too_much": (
        "cropping {before} + {after} leaves nothing of {label} = {size}",
        "{before} + {after}만큼 잘라내면 {label} = {size}에서 남는 것이 없습니다",
    ),
    "permute_dims": (
        "dims must number the axes from 1, e.g. (2, 1) (got {value})",
        "dims는 축을 1부터 센 번호여야 합니다. 예: (2, 1) (받은 것: {value})",
    ),
    "permute_rank": (
        "dims is for a {rank}D input, got {shape}",
        "dims는 {rank}차원 입력용인데 {shape}를 받았습니다",
    ),
    # recurrent layers and wrappers
    "bidirectional_wraps": (
        "wraps a recurrent layer ({supported}), not {cls}",
        "순환 층({supported})을 감싸야 합니다. {cls}는 감쌀 수 없습니다",
    ),
    "merge_mode_none": (
        "merge_mode=None returns two tensors, which the tutor does not support; use 'concat', "
        "'sum', 'mul' or 'ave'",
        "merge_mode=None은 텐서 두 개를 돌려주는데, 튜터는 이를 지원하지 않습니다. 'concat', "
        "'sum', 'mul', 'ave' 중 하나를 써 주세요",
    ),
    # merges and shared layers
    "merge_in_sequential": (
        "a merge layer takes a list of tensors: build the model with keras.Model",
        "합치기 층은 텐서의 리스트를 받습니다. keras.Model로 모델을 만들어 주세요",
    ),
    "merge_needs_list": (
        "a merge layer takes a list of tensors, e.g. layers.Add()([x, y])",
        "합치기 층은 텐서의 리스트를 받습니다. 예: layers.Add()([x, y])",
    ),
    "takes_one_tensor": (
        "takes one tensor, not a list of {count}",
        "텐서 하나를 받습니다. {count}개짜리 리스트는 받지 않습니다",
    ),
    "takes_two_tensors": (
        "{cls} takes exactly 2 tensors, got {count}",
        "{cls}는 텐서를 정확히 2개 받는데 {count}개를 받았습니다",
    ),
    "merge_batch_sizes": (
        "cannot merge tensors with different batch sizes: {shapes}",
        "배치 크기가 다른 텐서는 합칠 수 없습니다: {shapes}",
    ),
    "merge_ranks": (
        "inputs of different ranks cannot be merged here: {shapes}",
        "차원 수가 다른 입력은 여기서 합칠 수 없습니다: {shapes}",
    ),
    "merge_axis": (
        "axis {axis} does not match ({have} vs {size}): {shapes}; a value-by-value merge needs "
        "the same shape",
        "축 {axis}의 크기가 맞지 않습니다 ({have}, {size}): {shapes}. 값끼리 합치려면 형태가 "
        "같아야 합니다",
    ),
    "concatenate_axis": (
        "axis={axis} is not an axis of {shape} other than the batch axis",
        "axis={axis}는 {shape}에서 배치 축이 아닌 축이 아닙니다",
    ),
    "concatenate_mismatch": (
        "axis {other} does not match ({shown}): {shapes}; concatenating on axis {axis} needs "
        "every other axis to match",
        "축 {other}의 크기가 맞지 않습니다 ({shown}): {shapes}. 축 {axis}를 따라 이어 "
        "붙이려면 나머지 축이 모두 같아야 합니다",
    ),
    "dot_axes": (
        "axes must be an integer or a tuple of two integers",
        "axes는 정수이거나 정수 두 개의 튜플이어야 합니다",
    ),
    "dot_axes_range": (
        "axes={axes} must name an axis of each input other than the batch axis",
        "axes={axes}는 각 입력에서 배치 축이 아닌 축을 가리켜야 합니다",
    ),
    "dot_sizes": (
        "axis {first_axis} of {first} ({left}) and axis {second_axis} of {second} ({right}) "
        "must be the same size for a dot product",
        "내적을 하려면 {first}의 축 {first_axis}({left})와 {second}의 축 {second_axis}"
        "({right}) 크기가 같아야 합니다",
    ),
    "shared_weights_do_not_fit": (
        "this layer object is used again on an input its weights do not fit ({count} weights "
        "were built for its first use)",
        "이 층 객체를 가중치가 맞지 않는 입력에 다시 썼습니다 (처음 쓸 때 가중치 {count}개로 "
        "만들어짐)",
    ),
    "input_needs_batch": (
        "an input needs a batch axis and a shape",
        "입력에는 배치 축과 형태가 필요합니다",
    ),
}
